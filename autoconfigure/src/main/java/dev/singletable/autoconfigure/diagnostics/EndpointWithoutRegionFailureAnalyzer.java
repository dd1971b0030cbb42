package dev.singletable.autoconfigure.diagnostics;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Explains a startup that failed because {@code singletable.endpoint} names a host that is not a loopback address
 * (a DynamoDB Local or LocalStack in another container, say) and nothing gives a region: the AWS SDK needs one for
 * such an endpoint (the blocking client or the reactive API's async one; not the S3 clients, nor a client bean the
 * application defines). Registered before {@link NoDynamoDbConfiguredFailureAnalyzer}, which would otherwise say
 * that no endpoint is set.
 */
class EndpointWithoutRegionFailureAnalyzer implements FailureAnalyzer {

	private final @Nullable Environment environment;

	/**
	 * Creates the analyzer.
	 * @param environment the environment of the application that failed, to name its endpoint; without it the
	 * analyzer analyzes nothing
	 */
	EndpointWithoutRegionFailureAnalyzer(@Nullable Environment environment) {
		this.environment = environment;
	}

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		String endpoint = (this.environment != null) ? this.environment.getProperty("singletable.endpoint") : null;
		if (!StringUtils.hasText(endpoint)) {
			return null;
		}
		SdkClientException cause = NoDynamoDbConfiguredFailureAnalyzer.findSdkClientException(failure,
				NoDynamoDbConfiguredFailureAnalyzer.NO_REGION);
		if (cause == null) {
			return null;
		}
		FailedClient client = FailedClient.of(failure);
		if (client.isS3() || client.kind() == FailedClient.Kind.OTHER) {
			// singletable.endpoint configures neither the S3 clients nor a client the application defines
			return null;
		}
		String description = "singletable.endpoint is " + endpoint + ", but no region is set and the AWS SDK found "
				+ "none (AWS_REGION, aws.region or a profile in ~/.aws/config): an endpoint whose host is not "
				+ "localhost or a loopback address needs a region.";
		String action = "Set singletable.region (any region, for example singletable.region=us-east-1, for a "
				+ "DynamoDB Local or LocalStack) or AWS_REGION, and give the application credentials as the AWS SDK "
				+ "finds them (any values for DynamoDB Local, for example AWS_ACCESS_KEY_ID=local and "
				+ "AWS_SECRET_ACCESS_KEY=local).";
		return new FailureAnalysis(description, action, cause);
	}

}
