package dev.singletable.autoconfigure;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.singletable.autoconfigure.blobfixtures.Manual;
import dev.singletable.autoconfigure.blobfixtures.ManualPackage;
import dev.singletable.autoconfigure.embedded.EmbeddedDynamoDbLocal;
import dev.singletable.autoconfigure.embedded.EmbeddedS3;
import dev.singletable.autoconfigure.fixtures.GadgetPackage;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.blob.BlobCacheStats;
import dev.singletable.core.blob.BlobLocation;
import dev.singletable.core.blob.BlobSpec;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.blob.ReactiveBlobStorage;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.test.S3Local;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests {@link SingleTableBlobsAutoConfiguration}: blob storage only with a bucket, the embedded S3 by default
 * (beside the embedded DynamoDB Local: S3Proxy's shaded Jetty and DynamoDB Local's Jetty in one application), a
 * configured endpoint instead, and backing off for the application's client.
 */
@ExtendWith(OutputCaptureExtension.class)
class SingleTableBlobsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(SingleTableAutoConfiguration.class, SingleTableBlobsAutoConfiguration.class));

	@Test
	void configuresNothingWithoutABucket() {
		this.contextRunner.withUserConfiguration(GadgetPackage.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("blobs"), "singletable.region=eu-west-1",
					"singletable.table.create=none")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(BlobStorage.class)
				.doesNotHaveBean(S3Client.class)
				.doesNotHaveBean(EmbeddedS3.class));
	}

	@Test
	void startsTheEmbeddedS3BesideTheEmbeddedDynamoDbLocalCreatesTheBucketAndStopsWithTheContext(
			CapturedOutput output) {
		AtomicReference<EmbeddedS3> server = new AtomicReference<>();
		this.contextRunner.withUserConfiguration(GadgetPackage.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("blobs"),
					"singletable.blobs.bucket=app-blobs", "singletable.blobs.key-prefix=pre")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(EmbeddedS3.class).hasSingleBean(EmbeddedDynamoDbLocal.class);
				server.set(context.getBean(EmbeddedS3.class));
				S3Client client = context.getBean(S3Client.class);
				assertThat(client.serviceClientConfiguration().endpointOverride()).contains(server.get().getEndpoint());
				assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);
				BlobStorage storage = context.getBean(BlobStorage.class);
				assertThat(storage.getBucket()).isEqualTo("app-blobs");
				storage.write(BlobLocation.of("Gadget", "g1", 1, "manual"), Map.of("pages", 3), BlobSpec.DEFAULT);
				assertThat(client.listObjectsV2((request) -> request.bucket("app-blobs")).contents())
					.extracting("key").containsExactly("pre/Gadget/g1/v1/manual");
				assertThat(storage.read(BlobLocation.of("Gadget", "g1", 1, "manual"), BlobSpec.DEFAULT, Map.class))
					.isEqualTo(Map.of("pages", 3));
				// DynamoDB Local serves the same application
				assertThat(context.getBean(SingleTableTemplate.class)).isNotNull();
			});
		assertThat(server.get().isRunning()).isFalse();
		assertThat(output.getOut()).doesNotContain("org.gaul.s3proxy.CrossOriginResourceSharing");
	}

	@Test
	void usesAConfiguredEndpointPathStyleWithLocalCredentialsAndNoEmbeddedServer() {
		try (S3Client setup = S3Local.newClient()) {
			setup.createBucket((request) -> request.bucket("configured-endpoint"));
			this.contextRunner
				.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("blobs"), "singletable.region=eu-west-1",
						"singletable.table.create=none", "singletable.blobs.bucket=configured-endpoint",
						"singletable.blobs.endpoint=" + S3Local.endpoint())
				.run((context) -> {
					assertThat(context).hasNotFailed().doesNotHaveBean(EmbeddedS3.class);
					S3Client client = context.getBean(S3Client.class);
					assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
					context.getBean(BlobStorage.class).write(BlobLocation.of("Gadget", "g2", "manual"), "text",
							BlobSpec.DEFAULT);
					assertThat(setup.getObjectAsBytes((request) -> request.bucket("configured-endpoint")
						.key("Gadget/g2/manual")).asUtf8String()).isEqualTo("\"text\"");
				});
		}
	}

	@Test
	void backsOffForTheApplicationsClient() {
		this.contextRunner.withUserConfiguration(OwnClient.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("blobs"), "singletable.region=eu-west-1",
					"singletable.table.create=none", "singletable.blobs.bucket=own")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(EmbeddedS3.class).hasSingleBean(BlobStorage.class);
				assertThat(context.getBean(S3Client.class)).isSameAs(context.getBean(OwnClient.class).client);
			});
	}

	@Test
	void theTemplateStoresBlobPropertiesInTheConfiguredBucket() {
		this.contextRunner.withUserConfiguration(ManualPackage.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("blobs"),
					"singletable.blobs.bucket=manuals", "singletable.blobs.key-prefix=docs")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
				Manual created = template.create(new Manual("m1", null, "intro", "Read me first."));
				S3Client client = context.getBean(S3Client.class);
				assertThat(client.listObjectsV2((request) -> request.bucket("manuals")).contents()).extracting("key")
					.containsExactly("docs/Manual/m1/v1/text");
				Manual read = template.getById(Manual.class, "m1");
				assertThat(read.text()).isNull();
				assertThat(template.loadBlobs(read).text()).isEqualTo("Read me first.");
				assertThat(created.version()).isEqualTo(1);
			});
	}

	@Test
	void theReactiveTemplateWritesAndLoadsBlobValuesThroughAnAsyncClientOfTheSameSettings() {
		ApplicationContextRunner reactive = this.contextRunner
			.withConfiguration(AutoConfigurations.of(SingleTableReactiveAutoConfiguration.class))
			.withUserConfiguration(ManualPackage.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("blobs"),
					"singletable.blobs.bucket=reactive-manuals", "singletable.blobs.key-prefix=docs");
		reactive.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(S3AsyncClient.class).hasSingleBean(ReactiveBlobStorage.class);
			EmbeddedS3 server = context.getBean(EmbeddedS3.class);
			S3AsyncClient client = context.getBean(S3AsyncClient.class);
			assertThat(client.serviceClientConfiguration().endpointOverride()).contains(server.getEndpoint());
			assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);
			ReactiveBlobStorage storage = context.getBean(ReactiveBlobStorage.class);
			assertThat(storage.getBucket()).isEqualTo("reactive-manuals");
			ReactiveSingleTableTemplate template = context.getBean(ReactiveSingleTableTemplate.class);
			assertThat(template.getBlobStorage()).isSameAs(storage);
			context.getBean(SingleTableTemplate.class).create(new Manual("m1", null, "intro", "Read me first."));
			Manual read = template.getById(Manual.class, "m1").block(Duration.ofSeconds(20));
			assertThat(read.text()).isNull();
			assertThat(template.loadBlobs(read).block(Duration.ofSeconds(20)).text()).isEqualTo("Read me first.");
			assertThat(storage.key(BlobLocation.of("Manual", "m1", 1, "text"))).isEqualTo("docs/Manual/m1/v1/text");
			// and writes them there, for the blocking template to load
			template.create(new Manual("m2", null, "next", "Then me.")).block(Duration.ofSeconds(20));
			SingleTableTemplate blocking = context.getBean(SingleTableTemplate.class);
			assertThat(blocking.loadBlobs(blocking.getById(Manual.class, "m2")).text()).isEqualTo("Then me.");
		});
		reactive.withClassLoader(new FilteredClassLoader("reactor.core")).run((context) -> assertThat(context)
			.hasNotFailed()
			.hasSingleBean(BlobStorage.class)
			.doesNotHaveBean(S3AsyncClient.class)
			.doesNotHaveBean(ReactiveBlobStorage.class));
	}

	@Test
	void aTypeWithBlobPropertiesAndNoBucketFailsAtStartupNamingWhatToSet() {
		this.contextRunner.withUserConfiguration(ManualPackage.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("blobs"), "singletable.region=eu-west-1",
					"singletable.table.create=none")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining(Manual.class.getName())
				.hasMessageContaining("'text'")
				.hasMessageContaining("singletable.blobs.bucket"));
	}

	@Test
	void refusesABlankBucket() {
		this.contextRunner
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("blobs"), "singletable.region=eu-west-1",
					"singletable.table.create=none", "singletable.blobs.bucket= ")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("singletable.blobs.bucket must not be blank"));
	}

	@Test
	void cachesLoadedObjectsByDefault() {
		this.contextRunner.withUserConfiguration(GadgetPackage.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("blobs"), "singletable.blobs.bucket=cached")
			.run((context) -> assertThat(writeAndReadTwice(context.getBean(BlobStorage.class)))
				.isEqualTo(new BlobCacheStats(1, 1, 0, 11, 1)));
	}

	@Test
	void cachePropertiesSetTheLimitsOrTurnItOff() {
		this.contextRunner.withUserConfiguration(GadgetPackage.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("blobs"), "singletable.blobs.bucket=off",
					"singletable.blobs.cache.enabled=false")
			.run((context) -> assertThat(writeAndReadTwice(context.getBean(BlobStorage.class)))
				.isEqualTo(new BlobCacheStats(0, 0, 0, 0, 0)));
		this.contextRunner.withUserConfiguration(GadgetPackage.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("blobs"), "singletable.blobs.bucket=small",
					"singletable.blobs.cache.max-item-size=10B", "singletable.blobs.cache.max-items=1",
					"singletable.blobs.cache.ttl=60")
			.run((context) -> {
				BlobStorage storage = context.getBean(BlobStorage.class);
				BlobLocation large = BlobLocation.of("Gadget", "g1", 1, "manual");
				BlobLocation small = BlobLocation.of("Gadget", "g2", 1, "manual");
				BlobLocation other = BlobLocation.of("Gadget", "g3", 1, "manual");
				storage.write(large, Map.of("pages", 3), BlobSpec.DEFAULT);
				storage.write(small, "s", BlobSpec.DEFAULT);
				storage.write(other, "o", BlobSpec.DEFAULT);
				storage.read(large, BlobSpec.DEFAULT, Map.class);
				storage.read(small, BlobSpec.DEFAULT, String.class);
				storage.read(other, BlobSpec.DEFAULT, String.class);
				// 11 bytes are over max-item-size; one item at most: the second small one evicts the first
				assertThat(storage.getCacheStats()).isEqualTo(new BlobCacheStats(0, 3, 1, 3, 1));
			});
	}

	@Test
	void refusesACacheTtlThatIsNotPositive() {
		this.contextRunner
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("blobs"), "singletable.region=eu-west-1",
					"singletable.table.create=none", "singletable.blobs.bucket=b",
					"singletable.blobs.cache.ttl=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("singletable.blobs.cache.ttl must be positive"));
	}

	private static BlobCacheStats writeAndReadTwice(BlobStorage storage) {
		BlobLocation location = BlobLocation.of("Gadget", "g1", 1, "manual");
		storage.write(location, Map.of("pages", 3), BlobSpec.DEFAULT);
		storage.read(location, BlobSpec.DEFAULT, Map.class);
		storage.read(location, BlobSpec.DEFAULT, Map.class);
		return storage.getCacheStats();
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnClient {

		final S3Client client = S3Local.newClient();

		@Bean
		S3Client ownS3Client() {
			return this.client;
		}

	}

}
