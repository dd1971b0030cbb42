package dev.singletable.autoconfigure.diagnostics;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;
import org.springframework.mock.env.MockEnvironment;

import software.amazon.awssdk.core.exception.SdkClientException;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.badquery.LikeWidgetRepository;
import dev.singletable.autoconfigure.blobfixtures.Manual;
import dev.singletable.autoconfigure.blobfixtures.ManualPackage;
import dev.singletable.autoconfigure.data.SingleTableRepositoriesAutoConfiguration;
import dev.singletable.autoconfigure.data.repo.Widget;
import dev.singletable.autoconfigure.fixtures.GadgetPackage;
import dev.singletable.autoconfigure.invalid.Unversioned;
import dev.singletable.autoconfigure.invalidaudit.Member;
import dev.singletable.core.blob.MissingBlobStorageException;
import dev.singletable.repository.config.EnableSingleTableRepositories;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that each way a singletable application fails to start is explained by its failure analyzer, found among
 * every analyzer registered in {@code META-INF/spring.factories} however deep the cause lies, as Spring Boot
 * reports it.
 */
@ExtendWith(OutputCaptureExtension.class)
class SingleTableFailureAnalyzersTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class))
		.withUserConfiguration(GadgetPackage.class);

	@Test
	void noDynamoDbConfiguredNamesTheWaysOut() {
		withoutAwsSettings(() -> this.contextRunner
			.withPropertyValues("singletable.table-name=t", "singletable.embedded.enabled=false")
			.run(analysis((analysis) -> {
				assertThat(analysis.getDescription()).startsWith("No DynamoDB is configured")
					.contains("singletable.endpoint and singletable.region are not set")
					.contains("switched off (singletable.embedded.enabled=false)");
				assertThat(analysis.getAction()).contains("set singletable.endpoint")
					.contains("set singletable.region")
					.contains("define a DynamoDbClient bean")
					.contains("remove singletable.embedded.enabled=false");
			})));
	}

	@Test
	void noDynamoDbConfiguredWithoutDynamoDbLocalOnTheClasspathSuggestsAddingIt() {
		withoutAwsSettings(() -> this.contextRunner
			.withPropertyValues("singletable.table-name=t", "singletable.embedded.enabled=false")
			.run((context) -> {
				FailureAnalysis analysis = new NoDynamoDbConfiguredFailureAnalyzer(false)
					.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription())
					.contains("DynamoDB Local (com.amazonaws:DynamoDBLocal) is not on the classpath");
				assertThat(analysis.getAction()).contains("set singletable.endpoint")
					.contains("set singletable.region")
					.contains("define a DynamoDbClient bean")
					.contains("add com.amazonaws:DynamoDBLocal to the classpath")
					.contains("mvn spring-boot:run");
			}));
	}

	@Test
	void endpointOnAnotherHostWithoutARegionAsksForTheRegion() {
		String endpoint = "http://dynamodb-local.example:8000";
		withoutAwsSettings(() -> this.contextRunner
			.withPropertyValues("singletable.table-name=t", "singletable.endpoint=" + endpoint)
			.run((context) -> {
				assertThat(context).hasFailed();
				MockEnvironment environment = new MockEnvironment().withProperty("singletable.endpoint", endpoint);
				FailureAnalysis analysis = new EndpointWithoutRegionFailureAnalyzer(environment)
					.analyze(context.getStartupFailure());
				assertThat(analysis).as("analysis of %s", context.getStartupFailure()).isNotNull();
				assertThat(analysis.getDescription()).startsWith("singletable.endpoint is " + endpoint)
					.contains("no region is set")
					.doesNotContain("not set");
				assertThat(analysis.getAction()).contains("Set singletable.region").contains("AWS_REGION");
				// without an endpoint it is the analysis of no DynamoDB configured at all
				assertThat(new EndpointWithoutRegionFailureAnalyzer(new MockEnvironment())
					.analyze(context.getStartupFailure())).isNull();
			}));
	}

	@Test
	void missingCredentialsForARealRegionAreExplainedInAFewLines() {
		withoutAwsSettings(() -> this.contextRunner
			.withPropertyValues("singletable.table-name=t", "singletable.region=eu-west-1")
			.run(analysis((analysis) -> {
				assertThat(analysis.getDescription()).startsWith("DynamoDB could not be called")
					.contains("found no AWS credentials");
				assertThat(analysis.getDescription().lines()).hasSizeLessThan(3);
				assertThat(analysis.getAction()).contains("AWS_ACCESS_KEY_ID")
					.contains("~/.aws/credentials")
					.contains("singletable.endpoint");
			})));
	}

	@Test
	void endpointWhereNothingListensIsNamedWithTheWaysOut() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		String endpoint = "http://127.0.0.1:" + closedPort;
		this.contextRunner.withPropertyValues("singletable.table-name=t", "singletable.endpoint=" + endpoint)
			.run((context) -> {
				assertThat(context).hasFailed();
				MockEnvironment environment = new MockEnvironment().withProperty("singletable.endpoint", endpoint);
				FailureAnalysis analysis = new DynamoDbUnreachableFailureAnalyzer(environment)
					.analyze(context.getStartupFailure());
				assertThat(analysis).as("analysis of %s", context.getStartupFailure()).isNotNull();
				assertThat(analysis.getDescription())
					.startsWith("DynamoDB could not be reached at singletable.endpoint=" + endpoint)
					.contains("ConnectException");
				assertThat(analysis.getAction()).contains("start it and check singletable.endpoint")
					.contains("singletable.region")
					.contains("remove singletable.endpoint and singletable.region");
			});
	}

	@Test
	void otherFailuresAreNotTakenForAnUnreachableDynamoDb() {
		FailureAnalyzer analyzer = new DynamoDbUnreachableFailureAnalyzer(new MockEnvironment());
		assertThat(analyzer.analyze(new IllegalStateException("boom", new ConnectException("refused"))))
			.isNull();
		assertThat(analyzer.analyze(SdkClientException.create(NoDynamoDbConfiguredFailureAnalyzer.NO_REGION)))
			.isNull();
	}

	@Test
	void embeddedPortInUseNamesThePortAndTheWaysOut() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			int port = taken.getLocalPort();
			this.contextRunner
				.withPropertyValues("singletable.table-name=taken", "singletable.embedded.port=" + port)
				.run(analysis((analysis) -> {
					assertThat(analysis.getDescription())
						.startsWith("The embedded DynamoDB Local could not listen on port " + port
								+ " (singletable.embedded.port): ");
					assertThat(analysis.getAction()).contains("Stop the process that listens on port " + port)
						.contains("singletable.embedded.port=0");
				}));
		}
	}

	@Test
	void invalidEntityNamesTheTypeAndTheProblem() {
		this.contextRunner.withUserConfiguration(InvalidEntityScan.class)
			.withPropertyValues("singletable.table-name=invalid", "singletable.table.create=none",
					TestTables.endpointProperty())
			.run(analysis((analysis) -> {
				assertThat(analysis.getDescription())
					.startsWith("The entity type " + Unversioned.class.getName() + " cannot be stored as declared")
					.contains("@Version");
				assertThat(analysis.getAction()).contains("Change " + Unversioned.class.getName())
					.contains("@EntityScan");
			}));
	}

	@Test
	void auditedOptionNamingNoPropertyNamesTheTypeAndItsProperties() {
		this.contextRunner.withUserConfiguration(InvalidAuditScan.class)
			.withPropertyValues("singletable.table-name=invalid", "singletable.table.create=none",
					TestTables.endpointProperty())
			.run(analysis((analysis) -> {
				assertThat(analysis.getDescription())
					.startsWith("The entity type " + Member.class.getName() + " cannot be stored as declared")
					.contains("@Audited(exclude) names 'passwordHsh'")
					.contains("[id, version, email, passwordHash]");
				assertThat(analysis.getAction()).contains("Change " + Member.class.getName());
			}));
	}

	@Test
	void blobPropertyWithoutBucketNamesTheTypeThePropertyAndWhatToSet() {
		this.contextRunner.withUserConfiguration(ManualPackage.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("noblobs"),
					"singletable.table.create=none", TestTables.endpointProperty())
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(registeredAnalyzers()).hasAtLeastOneElementOfType(MissingBlobStorageFailureAnalyzer.class);
				// the environment Boot passes: the application's, without the property (a failed context has none)
				FailureAnalysis analysis = new MissingBlobStorageFailureAnalyzer(new MockEnvironment())
					.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription())
					.startsWith("The entity type " + Manual.class.getName() + " stores its property 'text' in S3")
					.endsWith("singletable.blobs.bucket is not set.");
				assertThat(analysis.getAction()).startsWith("Set singletable.blobs.bucket")
					.contains("org.gaul:s3proxy")
					.contains("remove @BlobField from " + Manual.class.getName());
			});
	}

	@Test
	void blobPropertyWithoutTheS3SdkSaysToAddIt() {
		FailureAnalysis analysis = new MissingBlobStorageFailureAnalyzer(false, null).analyze(
				new IllegalStateException("wrapped", new MissingBlobStorageException(Manual.class, "text")));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("the S3 SDK (software.amazon.awssdk:s3) is not on the classpath "
				+ "and singletable.blobs.bucket is not set.");
		assertThat(analysis.getAction()).startsWith("Add software.amazon.awssdk:s3 to the classpath and set "
				+ "singletable.blobs.bucket");
	}

	@Test
	void blobPropertyWithABucketButNoBlobAutoConfigurationSaysItDidNotApply() {
		this.contextRunner.withUserConfiguration(ManualPackage.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("noblobs"),
					"singletable.table.create=none", "singletable.blobs.bucket=manuals", TestTables.endpointProperty())
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new MissingBlobStorageFailureAnalyzer(
						new MockEnvironment().withProperty("singletable.blobs.bucket", "manuals"))
					.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).endsWith("singletable.blobs.bucket is set to 'manuals', but the "
						+ "blob auto-configuration (SingleTableBlobsAutoConfiguration) did not apply.");
				assertThat(analysis.getAction()).startsWith("Do not exclude SingleTableBlobsAutoConfiguration")
					.contains("@AutoConfigureDataSingleTable");
			});
	}

	@Test
	void underivableQueryMethodNamesTheMethodAndTheWaysOut() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(SingleTableRepositoriesAutoConfiguration.class))
			.withUserConfiguration(LikeRepository.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("badquery"),
					"singletable.table.create=create-if-missing", TestTables.endpointProperty())
			.run(analysis((analysis) -> {
				assertThat(analysis.getDescription()).startsWith("A repository query method cannot be mapped")
					.contains("Cannot derive a query for")
					.contains("findByColorLike");
				assertThat(analysis.getAction()).contains("@IndexKey").contains("@AllowFiltering").contains("@IndexQuery");
			}));
	}

	@Test
	void mistypedPropertyFailsStartupNamingTheNearestProperty() {
		this.contextRunner
			.withPropertyValues("singletable.table-name=t", "singletable.versioning.max-version=5",
					"singletable.embeded.port=0", TestTables.endpointProperty())
			.run(analysis((analysis) -> {
				assertThat(analysis.getDescription()).contains("singletable.versioning.max-version")
					.contains("singletable.embeded.port");
				assertThat(analysis.getAction())
					.contains("singletable.versioning.max-version -> singletable.versioning.max-versions")
					.contains("singletable.embeded.port -> singletable.embedded.port");
			}));
	}

	@Test
	void unknownPropertyFarFromAnyKnownOneIsOnlyLogged(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("singletable.table-name=t", "singletable.table.create=none",
					"singletable.some-future-feature.enabled=true", "singletable.tableName=t",
					TestTables.endpointProperty())
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).contains("Ignoring unknown property 'singletable.some-future-feature.enabled'")
			.doesNotContain("'singletable.tablename'")
			.doesNotContain("'singletable.table-name'");
	}

	@Test
	void unknownPropertySuggestsANameOnlyWhenOneIsClose(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("singletable.table-name=t", "singletable.table.create=none", "singletable.frobnicate=true",
					"singletable.max-versions=3", TestTables.endpointProperty())
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output.getOut().lines().filter((line) -> line.contains("'singletable.frobnicate'")))
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.contains("singletable has no such property")
			.doesNotContain("did you mean")
			.contains("docs/reference/configuration.md");
		assertThat(output.getOut().lines().filter((line) -> line.contains("'singletable.max-versions'")))
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.contains("did you mean 'singletable.versioning.max-versions'?");
	}

	/**
	 * Runs the assertions on the analysis Spring Boot would report: the first one of the registered analyzers.
	 */
	private static org.springframework.boot.test.context.runner.ContextConsumer<AssertableApplicationContext> analysis(
			Consumer<FailureAnalysis> assertions) {
		return (context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis).as("analysis of %s", context.getStartupFailure()).isNotNull();
			assertions.accept(Objects.requireNonNull(analysis));
		};
	}

	private static @Nullable FailureAnalysis analyze(Throwable failure) {
		// Boot's own analyzers that need constructor arguments are skipped, as in TableSchemaFailureAnalyzerTests
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, FailureHandler.handleMessage((message, ex) -> {
			}));
		for (FailureAnalyzer analyzer : analyzers) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				return analysis;
			}
		}
		return null;
	}

	private static List<FailureAnalyzer> registeredAnalyzers() {
		// Those taking the environment get none (null), as when Boot has no context to pass; analyzers that need
		// other constructor arguments are skipped
		return SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, ArgumentResolver.of(Environment.class, null),
					FailureHandler.handleMessage((message, ex) -> {
					}));
	}

	/**
	 * Runs with the AWS SDK's region and credentials lookups cut off from this machine's settings and the EC2
	 * instance metadata service, so that the SDK finds neither.
	 */
	static void withoutAwsSettings(Runnable action) {
		String[] keys = { "aws.region", "aws.disableEc2Metadata", "aws.configFile", "aws.sharedCredentialsFile",
				"aws.accessKeyId", "aws.secretAccessKey" };
		String[] previous = new String[keys.length];
		for (int i = 0; i < keys.length; i++) {
			previous[i] = System.getProperty(keys[i]);
		}
		System.clearProperty("aws.region");
		System.clearProperty("aws.accessKeyId");
		System.clearProperty("aws.secretAccessKey");
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

	@Configuration(proxyBeanMethods = false)
	@EntityScan(basePackageClasses = Unversioned.class)
	static class InvalidEntityScan {

	}

	@Configuration(proxyBeanMethods = false)
	@EntityScan(basePackageClasses = Member.class)
	static class InvalidAuditScan {

	}

	@Configuration(proxyBeanMethods = false)
	@EntityScan(basePackageClasses = Widget.class)
	@EnableSingleTableRepositories(basePackageClasses = LikeWidgetRepository.class)
	static class LikeRepository {

	}

}
