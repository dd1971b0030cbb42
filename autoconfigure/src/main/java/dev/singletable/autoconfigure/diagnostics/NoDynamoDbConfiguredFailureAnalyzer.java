package dev.singletable.autoconfigure.diagnostics;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

import dev.singletable.autoconfigure.embedded.EmbeddedDynamoDbLocalConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Explains a startup that failed because an AWS client singletable auto-configures could not be built for want of
 * a region, naming the property or bean that fixes it. The DynamoDB clients (the blocking one, or the reactive API's
 * {@code DynamoDbAsyncClient}): nothing says which DynamoDB to use — no endpoint, no region, no {@code DynamoDbClient}
 * bean and no embedded DynamoDB Local, so the AWS SDK's default region chain found nothing. The S3 clients of large
 * fields: no {@code singletable.blobs.endpoint}, {@code singletable.blobs.region} or {@code singletable.region}, no
 * {@code S3Client} bean and no embedded S3. A client bean the application defines itself: its builder has no
 * region, which no {@code singletable.*} property gives it. Names the ways out instead of the SDK's "Unable to load
 * region" message.
 */
class NoDynamoDbConfiguredFailureAnalyzer implements FailureAnalyzer {

	/** How the AWS SDK's message starts when its default region chain finds no region. */
	static final String NO_REGION = "Unable to load region";

	private static final String REGION_CHAIN = "the AWS SDK found no region (AWS_REGION, aws.region or a profile in "
			+ "~/.aws/config)";

	private final boolean localOnClasspath;

	private final boolean s3ProxyOnClasspath;

	private final @Nullable Environment environment;

	/**
	 * Creates the analyzer for the application that failed (Spring Boot passes its environment), telling whether
	 * DynamoDB Local and S3Proxy are on its classpath.
	 * @param environment the environment of the application, or {@literal null} when it has none
	 */
	public NoDynamoDbConfiguredFailureAnalyzer(@Nullable Environment environment) {
		this(ClassUtils.isPresent(EmbeddedDynamoDbLocalConfiguration.SERVER_RUNNER,
				NoDynamoDbConfiguredFailureAnalyzer.class.getClassLoader()),
				ClassUtils.isPresent("org.gaul.s3proxy.S3Proxy", NoDynamoDbConfiguredFailureAnalyzer.class.getClassLoader()),
				environment);
	}

	/**
	 * Creates the analyzer without an environment, telling whether DynamoDB Local is on the classpath.
	 */
	NoDynamoDbConfiguredFailureAnalyzer() {
		this(null);
	}

	/**
	 * Creates the analyzer.
	 * @param localOnClasspath whether DynamoDB Local is on the classpath
	 */
	NoDynamoDbConfiguredFailureAnalyzer(boolean localOnClasspath) {
		this(localOnClasspath, false, null);
	}

	NoDynamoDbConfiguredFailureAnalyzer(boolean localOnClasspath, boolean s3ProxyOnClasspath,
			@Nullable Environment environment) {
		this.localOnClasspath = localOnClasspath;
		this.s3ProxyOnClasspath = s3ProxyOnClasspath;
		this.environment = environment;
	}

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		SdkClientException cause = findSdkClientException(failure, NO_REGION);
		if (cause == null) {
			return null;
		}
		FailedClient client = FailedClient.of(failure);
		if (client.isS3()) {
			return s3(client, cause);
		}
		if (client.kind() == FailedClient.Kind.OTHER) {
			return applicationClient(client, cause);
		}
		boolean async = client.kind() == FailedClient.Kind.DYNAMODB_ASYNC;
		boolean localOnClasspath = this.localOnClasspath;
		String description = (async ? "The reactive API's DynamoDbAsyncClient could not be built: " : "")
				+ "No DynamoDB is configured: singletable.endpoint and singletable.region are not set, "
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
				+ (async ? "    - define a DynamoDbClient bean (the DynamoDbAsyncClient then takes its endpoint, region "
						+ "and credentials), or a DynamoDbAsyncClient bean, or a "
						+ "SingleTableDynamoDbAsyncClientBuilderCustomizer that sets a region\n"
						: "    - define a DynamoDbClient bean\n")
				+ (localOnClasspath ? "    - remove singletable.embedded.enabled=false to run the embedded DynamoDB Local"
						: "    - for development, add com.amazonaws:DynamoDBLocal to the classpath to run an embedded, "
								+ "in-memory DynamoDB (a dependency in test scope is not on the classpath of "
								+ "'mvn spring-boot:run'; use 'mvn spring-boot:test-run' or the runtime scope)");
		return new FailureAnalysis(description, action, cause);
	}

	private FailureAnalysis s3(FailedClient client, SdkClientException cause) {
		String bucket = property("singletable.blobs.bucket");
		String endpoint = property("singletable.blobs.endpoint");
		String clientType = (client.kind() == FailedClient.Kind.S3_ASYNC) ? "S3AsyncClient" : "S3Client";
		StringBuilder description = new StringBuilder("The ").append(clientType)
			.append(" of large fields (@BlobField")
			.append((bucket != null) ? ", singletable.blobs.bucket=" + bucket : "")
			.append(") could not be built: ");
		if (endpoint != null) {
			description.append("singletable.blobs.endpoint is ").append(endpoint)
				.append(", but no region is set and ").append(REGION_CHAIN)
				.append(": an endpoint whose host is not localhost or a loopback address needs a region.");
		}
		else {
			description.append("singletable.blobs.endpoint, singletable.blobs.region and singletable.region are not "
					+ "set, the application defines no S3Client bean, ")
				.append(REGION_CHAIN)
				.append(", and ")
				.append(this.s3ProxyOnClasspath
						? "the embedded S3 is switched off (singletable.blobs.embedded.enabled=false)."
						: "S3Proxy (org.gaul:s3proxy) is not on the classpath, so no embedded S3 was started.");
		}
		String action = "Tell singletable which S3 holds the large fields, in one of these ways:\n"
				+ "    - set singletable.blobs.region (or singletable.region) to use S3 in AWS, with AWS credentials\n"
				+ "    - set singletable.blobs.endpoint to an S3 you run, for example "
				+ "singletable.blobs.endpoint=http://localhost:9000 for MinIO or LocalStack (a loopback endpoint needs "
				+ "no region)\n"
				+ "    - define an S3Client bean" + ((client.kind() == FailedClient.Kind.S3_ASYNC)
						? " (the S3AsyncClient then takes its endpoint, region and credentials), or an S3AsyncClient bean\n"
						: "\n")
				+ (this.s3ProxyOnClasspath
						? "    - remove singletable.blobs.embedded.enabled=false to run the embedded S3"
						: "    - for development, add org.gaul:s3proxy to the classpath to run an embedded, in-memory S3");
		return new FailureAnalysis(description.toString(), action, cause);
	}

	private static FailureAnalysis applicationClient(FailedClient client, SdkClientException cause) {
		String description = "The bean '" + client.beanName() + "'"
				+ ((client.resource() != null) ? " (defined in " + client.resource() + ")" : "")
				+ " could not be built: its client builder sets no region and " + REGION_CHAIN + ".";
		boolean springCloudAws = client.resource() != null && client.resource().contains("awspring");
		String action = "Give the builder of '" + client.beanName() + "' a region (for example "
				+ ".region(Region.EU_WEST_1))" + (springCloudAws ? ", set spring.cloud.aws.region.static" : "")
				+ ", or set AWS_REGION where the application runs. The singletable.region "
				+ "and singletable.endpoint properties configure only the clients singletable builds, not a bean the "
				+ "application defines itself.";
		return new FailureAnalysis(description, action, cause);
	}

	private @Nullable String property(String name) {
		String value = (this.environment != null) ? this.environment.getProperty(name) : null;
		return StringUtils.hasText(value) ? value : null;
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
