package dev.singletable.autoconfigure;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

import dev.singletable.autoconfigure.blobfixtures.Manual;
import dev.singletable.autoconfigure.blobfixtures.ManualPackage;
import dev.singletable.autoconfigure.data.SingleTableReactiveRepositoriesAutoConfiguration;
import dev.singletable.autoconfigure.data.SingleTableRepositoriesAutoConfiguration;
import dev.singletable.autoconfigure.data.reactiverepo.Gizmo;
import dev.singletable.autoconfigure.data.reactiverepo.GizmoPackage;
import dev.singletable.autoconfigure.data.reactiverepo.GizmoRepository;
import dev.singletable.autoconfigure.data.reactiverepo.ReactiveGizmoRepository;
import dev.singletable.autoconfigure.embedded.EmbeddedS3;
import dev.singletable.autoconfigure.transaction.SingleTableReactiveTransactionManagerAutoConfiguration;
import dev.singletable.autoconfigure.transaction.SingleTableTransactionManagerAutoConfiguration;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.test.DynamoDbLocal;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A blocking application that declares its own {@link DynamoDbClient} (and {@link S3Client}), as the configuration
 * page shows, keeps starting and working once Reactor and the SDK's Netty client are on its classpath: the reactive
 * API's async clients take the endpoint, region and credentials of the application's clients, not the
 * {@code singletable.*} properties the application never set nor the SDK's default chain (which finds no region
 * here: the tests run with no AWS region in the environment, the system properties or a profile). The region is one
 * DynamoDB Local keeps a separate database for, so a client with another one would not see the table.
 */
class ApplicationClientsWithReactiveApiTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final Region REGION = Region.EU_WEST_2;

	private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider
		.create(AwsBasicCredentials.create("dummy", "dummy"));

	private static EmbeddedS3 s3;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, SingleTableAutoConfiguration.class,
				SingleTableReactiveAutoConfiguration.class, SingleTableRepositoriesAutoConfiguration.class,
				SingleTableReactiveRepositoriesAutoConfiguration.class,
				SingleTableTransactionManagerAutoConfiguration.class,
				SingleTableReactiveTransactionManagerAutoConfiguration.class,
				TransactionManagerCustomizationAutoConfiguration.class, TransactionAutoConfiguration.class,
				SingleTableBlobsAutoConfiguration.class))
		.withPropertyValues("singletable.table.create=create-if-missing");

	@BeforeAll
	static void startS3() {
		s3 = new EmbeddedS3(0);
		s3.afterPropertiesSet();
	}

	@AfterAll
	static void stopS3() {
		s3.destroy();
	}

	@Test
	void theTestClasspathHasTheReactiveApiAndTheEnvironmentNoRegion() {
		assertThat(ClassUtils.isPresent("reactor.core.publisher.Flux", null)).isTrue();
		assertThat(ClassUtils.isPresent(SingleTableReactiveAutoConfiguration.NETTY_CLIENT, null)).isTrue();
		assertThat(System.getProperty("aws.region")).isNull();
		assertThat(System.getenv("AWS_REGION")).isNull();
		assertThat(System.getenv("AWS_DEFAULT_REGION")).isNull();
	}

	@Test
	void aBlockingApplicationWithItsOwnDynamoDbClientStartsAndBothApisWork() {
		assertThat(System.getProperty("aws.region")).isNull();
		this.contextRunner.withUserConfiguration(GizmoPackage.class, OwnDynamoDbClient.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("own-client"))
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(DynamoDbAsyncClient.class);
				DynamoDbAsyncClient async = context.getBean(DynamoDbAsyncClient.class);
				assertThat(async.serviceClientConfiguration().region()).isEqualTo(REGION);
				assertThat(async.serviceClientConfiguration().endpointOverride()).contains(DynamoDbLocal.endpoint());
				GizmoRepository blocking = context.getBean(GizmoRepository.class);
				ReactiveGizmoRepository reactive = context.getBean(ReactiveGizmoRepository.class);

				Gizmo red = blocking.save(new Gizmo(null, null, null, "red"));
				Gizmo redder = reactive.save(red).block(WAIT);

				assertThat(redder.version()).isEqualTo(2L);
				assertThat(blocking.findByColor("red")).containsExactly(redder);
				assertThat(reactive.findByColor("red").collectList().block(WAIT)).containsExactly(redder);
			});
	}

	@Test
	void withItsOwnS3ClientTooTheReactiveBlobsUseItsConnection() {
		String bucket = "own-s3-" + System.nanoTime();
		this.contextRunner.withUserConfiguration(ManualPackage.class, OwnDynamoDbClient.class, OwnS3Client.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("own-s3"),
					"singletable.blobs.bucket=" + bucket)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(S3AsyncClient.class);
				context.getBean(S3Client.class).createBucket((request) -> request.bucket(bucket));
				S3AsyncClient async = context.getBean(S3AsyncClient.class);
				assertThat(async.serviceClientConfiguration().region()).isEqualTo(REGION);
				assertThat(async.serviceClientConfiguration().endpointOverride()).contains(s3Endpoint());
				ReactiveSingleTableTemplate reactive = context.getBean(ReactiveSingleTableTemplate.class);

				Manual manual = reactive.create(new Manual(null, null, "Guide", "x".repeat(5_000))).block(WAIT);

				Manual loaded = context.getBean(SingleTableTemplate.class).findById(Manual.class, manual.id()).get();
				assertThat(context.getBean(SingleTableTemplate.class).loadBlobs(loaded).text())
					.isEqualTo("x".repeat(5_000));
				assertThat(reactive.loadBlobs(loaded).block(WAIT).text()).isEqualTo("x".repeat(5_000));
			});
	}

	private static URI s3Endpoint() {
		return s3.getEndpoint();
	}

	/** The application's client, as docs/reference/configuration.md declares one. */
	@Configuration(proxyBeanMethods = false)
	static class OwnDynamoDbClient {

		@Bean
		DynamoDbClient dynamoDbClient() {
			return DynamoDbClient.builder()
				.endpointOverride(DynamoDbLocal.endpoint())
				.region(REGION)
				.credentialsProvider(CREDENTIALS)
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnS3Client {

		@Bean
		S3Client s3Client() {
			return S3Client.builder()
				.endpointOverride(s3Endpoint())
				.forcePathStyle(true)
				.region(REGION)
				.credentialsProvider(CREDENTIALS)
				.build();
		}

	}

}
