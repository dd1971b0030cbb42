package dev.singletable.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.util.ClassUtils;

import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Explains a startup that failed because nothing says which DynamoDB to use: no endpoint, no region, no
 * {@code DynamoDbClient} bean and no embedded DynamoDB Local, so the AWS SDK's default region chain found nothing.
 * Names the ways out instead of the SDK's "Unable to load region" message.
 */
class NoDynamoDbConfiguredFailureAnalyzer implements FailureAnalyzer {

	/** How the AWS SDK's message starts when its default region chain finds no region. */
	static final String NO_REGION = "Unable to load region";

	private final boolean localOnClasspath;

	/**
	 * Creates the analyzer, which tells whether DynamoDB Local is on the application's classpath.
	 */
	public NoDynamoDbConfiguredFailureAnalyzer() {
		this(ClassUtils.isPresent(EmbeddedDynamoDbLocalConfiguration.SERVER_RUNNER,
				NoDynamoDbConfiguredFailureAnalyzer.class.getClassLoader()));
	}

	/**
	 * Creates the analyzer.
	 * @param localOnClasspath whether DynamoDB Local is on the classpath
	 */
	NoDynamoDbConfiguredFailureAnalyzer(boolean localOnClasspath) {
		this.localOnClasspath = localOnClasspath;
	}

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		SdkClientException cause = findSdkClientException(failure, NO_REGION);
		if (cause == null) {
			return null;
		}
		boolean localOnClasspath = this.localOnClasspath;
		String description = "No DynamoDB is configured: singletable.endpoint and singletable.region are not set, "
				+ "the application defines no DynamoDbClient bean, the AWS SDK found no region (AWS_REGION, aws.region "
				+ "or a profile in ~/.aws/config), and " + (localOnClasspath
						? "the embedded DynamoDB Local is switched off (singletable.embedded.enabled=false)."
						: "DynamoDB Local (com.amazonaws:DynamoDBLocal) is not on the classpath, so no embedded one "
								+ "was started.");
		String action = "Tell singletable which DynamoDB to use, in one of these ways:\n"
				+ "    - set singletable.endpoint to a DynamoDB you run, for example "
				+ "singletable.endpoint=http://localhost:8000 for a DynamoDB Local or LocalStack\n"
				+ "    - set singletable.region (for example singletable.region=eu-west-1) to use AWS, with AWS "
				+ "credentials\n"
				+ "    - define a DynamoDbClient bean\n"
				+ (localOnClasspath ? "    - remove singletable.embedded.enabled=false to run the embedded DynamoDB Local"
						: "    - for development, add com.amazonaws:DynamoDBLocal to the classpath to run an embedded, "
								+ "in-memory DynamoDB (a dependency in test scope is not on the classpath of "
								+ "'mvn spring-boot:run'; use 'mvn spring-boot:test-run' or the runtime scope)");
		return new FailureAnalysis(description, action, cause);
	}

	/**
	 * Finds an SDK client exception whose message starts as given, anywhere in the chain of causes.
	 * @param failure the failure
	 * @param messageStart how the message starts
	 * @return the exception, or {@literal null}
	 */
	static @Nullable SdkClientException findSdkClientException(Throwable failure, String messageStart) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof SdkClientException sdk && sdk.getMessage() != null
					&& sdk.getMessage().startsWith(messageStart)) {
				return sdk;
			}
			if (candidate.getCause() == candidate) {
				break;
			}
		}
		return null;
	}

}
