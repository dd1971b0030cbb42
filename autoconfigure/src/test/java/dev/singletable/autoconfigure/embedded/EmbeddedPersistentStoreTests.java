package dev.singletable.autoconfigure.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.SingleTableBlobsAutoConfiguration;
import dev.singletable.autoconfigure.SingleTableProperties;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.blobfixtures.Manual;
import dev.singletable.autoconfigure.blobfixtures.ManualPackage;
import dev.singletable.core.SingleTableTemplate;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The persistent development store ({@code singletable.embedded.persistent}): what one application writes, items
 * and blob objects, is read back by the next one started on the same directory, and the documented recipe for two
 * applications sharing one embedded store (the first on fixed ports, the second pointing its endpoints at them).
 */
class EmbeddedPersistentStoreTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(SingleTableAutoConfiguration.class, SingleTableBlobsAutoConfiguration.class))
		.withUserConfiguration(ManualPackage.class)
		.withPropertyValues("singletable.blobs.bucket=manuals");

	@Test
	void whatOneApplicationWroteIsReadByTheNextOnTheSameDirectory(@TempDir Path directory) throws IOException {
		String table = TestTables.uniqueName("persistent");
		ApplicationContextRunner persistent = this.contextRunner.withPropertyValues("singletable.table-name=" + table,
				"singletable.embedded.persistent=" + directory);
		persistent.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(EmbeddedDynamoDbLocal.class).getDirectory())
				.isEqualTo(directory.resolve("dynamodb"));
			assertThat(context.getBean(EmbeddedS3.class).getDirectory()).isEqualTo(directory.resolve("s3"));
			SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
			template.create(new Manual("m1", null, "intro", "Read me first."));
		});
		try (Stream<Path> files = Files.list(directory.resolve("dynamodb"))) {
			assertThat(files.map((file) -> file.getFileName().toString())).anyMatch((name) -> name.endsWith(".db"));
		}
		assertThat(directory.resolve("s3").resolve("manuals")).isDirectory();
		persistent.run((context) -> {
			assertThat(context).hasNotFailed();
			SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
			Manual read = template.getById(Manual.class, "m1");
			assertThat(read.title()).isEqualTo("intro");
			assertThat(read.version()).isEqualTo(1);
			assertThat(template.loadBlobs(read).text()).isEqualTo("Read me first.");
			Manual updated = template.update(new Manual("m1", 1L, "intro", "Read me twice."));
			assertThat(updated.version()).isEqualTo(2);
		});
		persistent.run((context) -> assertThat(
				context.getBean(SingleTableTemplate.class).getById(Manual.class, "m1").version()).isEqualTo(2));
		// In memory (the default), the next application starts empty
		this.contextRunner.withPropertyValues("singletable.table-name=" + table).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(EmbeddedDynamoDbLocal.class).getDirectory()).isNull();
			assertThat(context.getBean(SingleTableTemplate.class).findById(Manual.class, "m1")).isEmpty();
		});
	}

	@Test
	void trueKeepsTheStoreUnderTargetFalseInMemoryAndABlankValueIsRefused() {
		assertThat(new SingleTableProperties.Embedded(null, 0, "true").persistentDirectory())
			.isEqualTo(Path.of("target", "singletable-dev"));
		assertThat(new SingleTableProperties.Embedded(null, 0, "build/dev-store").persistentDirectory())
			.isEqualTo(Path.of("build", "dev-store"));
		assertThat(new SingleTableProperties.Embedded(null, 0, "false").persistentDirectory()).isNull();
		this.contextRunner
			.withPropertyValues("singletable.table-name=t", "singletable.region=eu-west-1",
					"singletable.table.create=none", "singletable.embedded.persistent= ")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("singletable.embedded.persistent must be true, false or a directory"));
	}

	@Test
	void aSecondApplicationUsesTheFirstOnesEmbeddedStoreThroughItsFixedPorts() throws IOException {
		int dynamoDbPort = freePort();
		int s3Port = freePort();
		String table = TestTables.uniqueName("shared-store");
		this.contextRunner
			.withPropertyValues("singletable.table-name=" + table, "singletable.embedded.port=" + dynamoDbPort,
					"singletable.blobs.embedded.port=" + s3Port)
			.run((first) -> {
				assertThat(first).hasNotFailed();
				first.getBean(SingleTableTemplate.class).create(new Manual("shared", null, "from the first", "Body."));
				this.contextRunner
					.withPropertyValues("singletable.table-name=" + table,
							"singletable.endpoint=http://localhost:" + dynamoDbPort,
							"singletable.blobs.endpoint=http://localhost:" + s3Port)
					.run((second) -> {
						assertThat(second).hasNotFailed()
							.doesNotHaveBean(EmbeddedDynamoDbLocal.class)
							.doesNotHaveBean(EmbeddedS3.class);
						SingleTableTemplate template = second.getBean(SingleTableTemplate.class);
						Manual read = template.getById(Manual.class, "shared");
						assertThat(read.title()).isEqualTo("from the first");
						assertThat(template.loadBlobs(read).text()).isEqualTo("Body.");
						template.create(new Manual("second", null, "from the second", "Reply."));
						assertThat(second.getBean(S3Client.class)
							.listObjectsV2((request) -> request.bucket("manuals"))
							.contents()).hasSize(2);
					});
				Manual fromSecond = first.getBean(SingleTableTemplate.class).getById(Manual.class, "second");
				assertThat(first.getBean(SingleTableTemplate.class).loadBlobs(fromSecond).text()).isEqualTo("Reply.");
			});
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
	}

}
