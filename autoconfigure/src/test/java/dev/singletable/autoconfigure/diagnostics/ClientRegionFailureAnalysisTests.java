package dev.singletable.autoconfigure.diagnostics;

import java.util.Objects;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;
import org.springframework.mock.env.MockEnvironment;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.SingleTableBlobsAutoConfiguration;
import dev.singletable.autoconfigure.SingleTableReactiveAutoConfiguration;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.blobfixtures.ManualPackage;
import dev.singletable.autoconfigure.fixtures.GadgetPackage;
import dev.singletable.test.DynamoDbLocal;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whenever an AWS client cannot be built for want of a region, the failure analysis names the property or bean that
 * fixes it, for the client that failed: the S3 clients of large fields (their {@code singletable.blobs.*}
 * properties, not DynamoDB's), the reactive API's {@code DynamoDbAsyncClient}, or a client bean the application
 * defines itself (its builder, not {@code singletable.*} properties that never reach it). Run with the AWS SDK's
 * region lookups cut off from this machine's settings.
 */
class ClientRegionFailureAnalysisTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class,
				SingleTableReactiveAutoConfiguration.class, SingleTableBlobsAutoConfiguration.class))
		.withPropertyValues("singletable.table.create=create-if-missing");

	@Test
	void anS3ClientWithoutARegionNamesTheBlobPropertiesAndBeans() {
		String[] properties = { TestTables.endpointProperty(), "singletable.table-name=" + TestTables.uniqueName("s3"),
				"singletable.blobs.bucket=manuals", "singletable.blobs.embedded.enabled=false" };
		withoutAwsSettings(() -> this.contextRunner.withUserConfiguration(ManualPackage.class)
			.withClassLoader(new FilteredClassLoader(NettyNioAsyncHttpClient.class))
			.withPropertyValues(properties)
			.run(analysis(properties, (analysis) -> {
				assertThat(analysis.getDescription())
					.startsWith("The S3Client of large fields (@BlobField, singletable.blobs.bucket=manuals) could "
							+ "not be built: singletable.blobs.endpoint, singletable.blobs.region and "
							+ "singletable.region are not set, the application defines no S3Client bean")
					.contains("the embedded S3 is switched off (singletable.blobs.embedded.enabled=false)")
					.doesNotContain("No DynamoDB");
				assertThat(analysis.getAction()).contains("set singletable.blobs.region (or singletable.region)")
					.contains("set singletable.blobs.endpoint")
					.contains("define an S3Client bean")
					.contains("remove singletable.blobs.embedded.enabled=false");
			})));
	}

	@Test
	void theReactiveApisS3AsyncClientWithoutARegionIsExplainedAlike() {
		String[] properties = { TestTables.endpointProperty(), "singletable.table-name=" + TestTables.uniqueName("s3a"),
				"singletable.blobs.bucket=manuals", "singletable.blobs.embedded.enabled=false",
				"singletable.blobs.endpoint=http://s3.example:9000" };
		withoutAwsSettings(() -> this.contextRunner.withUserConfiguration(ManualPackage.class)
			.withPropertyValues(properties)
			.run(analysis(properties, (analysis) -> {
				// whichever S3 client is built first
				assertThat(analysis.getDescription()).containsPattern("^The S3(Async)?Client of large fields")
					.contains("singletable.blobs.endpoint is http://s3.example:9000, but no region is set")
					.doesNotContain("singletable.endpoint is");
				assertThat(analysis.getAction()).contains("set singletable.blobs.region (or singletable.region)");
			})));
	}

	@Test
	void theApplicationsOwnClientWithoutARegionIsNamedWithItsBuilder() {
		String[] properties = { "singletable.endpoint=http://dynamodb.example:8000",
				"singletable.table-name=" + TestTables.uniqueName("own-regionless") };
		withoutAwsSettings(() -> this.contextRunner.withUserConfiguration(GadgetPackage.class, RegionlessClient.class)
			.withPropertyValues(properties)
			.run(analysis(properties, (analysis) -> {
				assertThat(analysis.getDescription()).startsWith("The bean 'dynamoDbClient' (defined in ")
					.contains(RegionlessClient.class.getSimpleName())
					.contains("could not be built: its client builder sets no region and the AWS SDK found no region");
				assertThat(analysis.getAction()).startsWith("Give the builder of 'dynamoDbClient' a region")
					.contains("AWS_REGION")
					.contains("configure only the clients singletable builds");
			})));
	}

	@Test
	void theReactiveApisDynamoDbAsyncClientWithoutARegionNamesItsBeansAndProperties() {
		BeanCreationException failure = new BeanCreationException(
				"class path resource [dev/singletable/autoconfigure/SingleTableReactiveAutoConfiguration.class]",
				"dynamoDbAsyncClient", "Failed to instantiate",
				SdkClientException.create(NoDynamoDbConfiguredFailureAnalyzer.NO_REGION + " from any of the providers"));

		FailureAnalysis analysis = new NoDynamoDbConfiguredFailureAnalyzer(true).analyze(
				new BeanCreationException("reactiveSingleTableTemplate", "Error creating bean", failure));

		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription())
			.startsWith("The reactive API's DynamoDbAsyncClient could not be built: No DynamoDB is configured: "
					+ "singletable.endpoint and singletable.region are not set");
		assertThat(analysis.getAction()).contains("set singletable.endpoint")
			.contains("set singletable.region")
			.contains("define a DynamoDbClient bean (the DynamoDbAsyncClient then takes its endpoint, region and "
					+ "credentials), or a DynamoDbAsyncClient bean, or a SingleTableDynamoDbAsyncClientBuilderCustomizer")
			.contains("remove singletable.embedded.enabled=false");
		// the auto-configured blocking client is explained as before
		BeanCreationException blocking = new BeanCreationException(
				"class path resource [dev/singletable/autoconfigure/SingleTableAutoConfiguration.class]", "dynamoDbClient",
				"Failed to instantiate", SdkClientException.create(NoDynamoDbConfiguredFailureAnalyzer.NO_REGION));
		assertThat(new NoDynamoDbConfiguredFailureAnalyzer(true).analyze(blocking).getDescription())
			.startsWith("No DynamoDB is configured");
	}

	private static ContextConsumer<AssertableApplicationContext> analysis(String[] properties,
			Consumer<FailureAnalysis> assertions) {
		return (context) -> {
			// the properties of the failed application, as its environment gives them to the analyzers
			MockEnvironment environment = new MockEnvironment();
			for (String property : properties) {
				String[] pair = property.split("=", 2);
				environment.setProperty(pair[0], pair[1]);
			}
			assertThat(context).hasFailed();
			FailureAnalysis analysis = SpringFactoriesLoader.forDefaultResourceLocation()
				.load(FailureAnalyzer.class, ArgumentResolver.of(Environment.class, environment),
						FailureHandler.handleMessage((message, ex) -> {
						}))
				.stream()
				.map((analyzer) -> analyzer.analyze(context.getStartupFailure()))
				.filter(Objects::nonNull)
				.findFirst()
				.orElse(null);
			assertThat(analysis).as("analysis of %s", context.getStartupFailure()).isNotNull();
			assertions.accept(analysis);
		};
	}

	/**
	 * Runs with the AWS SDK's region and credentials lookups cut off from this machine's settings and the EC2
	 * instance metadata service, so that the SDK finds neither.
	 */
	private static void withoutAwsSettings(Runnable action) {
		String[] keys = { "aws.region", "aws.disableEc2Metadata", "aws.configFile", "aws.sharedCredentialsFile" };
		String[] previous = new String[keys.length];
		for (int i = 0; i < keys.length; i++) {
			previous[i] = System.getProperty(keys[i]);
		}
		System.clearProperty("aws.region");
		System.setProperty("aws.disableEc2Metadata", "true");
		System.setProperty("aws.configFile", "/nonexistent/singletable-test/config");
		System.setProperty("aws.sharedCredentialsFile", "/nonexistent/singletable-test/credentials");
		try {
			action.run();
		}
		finally {
			for (int i = 0; i < keys.length; i++) {
				if (previous[i] != null) {
					System.setProperty(keys[i], previous[i]);
				}
				else {
					System.clearProperty(keys[i]);
				}
			}
		}
	}

	/** The application's own client, whose builder sets an endpoint but no region. */
	@Configuration(proxyBeanMethods = false)
	static class RegionlessClient {

		@Bean
		DynamoDbClient dynamoDbClient() {
			return DynamoDbClient.builder().endpointOverride(DynamoDbLocal.endpoint()).build();
		}

	}

}
