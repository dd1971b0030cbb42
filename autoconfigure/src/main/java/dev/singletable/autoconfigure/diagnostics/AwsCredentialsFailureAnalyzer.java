package dev.singletable.autoconfigure.diagnostics;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Explains a startup that failed because the AWS SDK found no credentials to call DynamoDB in a real region, in a
 * few lines instead of the SDK's message listing every provider of its default credentials chain.
 */
class AwsCredentialsFailureAnalyzer implements FailureAnalyzer {

	/** How the AWS SDK's message starts when its credentials chain finds no credentials. */
	static final String NO_CREDENTIALS = "Unable to load credentials";

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		SdkClientException cause = NoDynamoDbConfiguredFailureAnalyzer.findSdkClientException(failure,
				NO_CREDENTIALS);
		if (cause == null) {
			return null;
		}
		String description = "DynamoDB could not be called: the AWS SDK found no AWS credentials (it looked in the "
				+ "aws.accessKeyId/aws.secretAccessKey system properties, the AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY "
				+ "environment variables, web identity tokens, the ~/.aws profiles, and container and EC2 instance "
				+ "credentials).";
		String action = "Give the application AWS credentials the way the AWS SDK finds them: the "
				+ "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY environment variables, a profile in ~/.aws/credentials "
				+ "(select it with AWS_PROFILE; run 'aws sso login' for an SSO profile), or an IAM role where the "
				+ "application runs. Or define a DynamoDbClient bean, or a SingleTableDynamoDbClientBuilderCustomizer "
				+ "that sets a credentials provider. To use a DynamoDB on this machine instead of AWS, set "
				+ "singletable.endpoint (for example http://localhost:8000), or remove singletable.region to run the "
				+ "embedded DynamoDB Local when com.amazonaws:DynamoDBLocal is on the classpath.";
		return new FailureAnalysis(description, action, cause);
	}

}
