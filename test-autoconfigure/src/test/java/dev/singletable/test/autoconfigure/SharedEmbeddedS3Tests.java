package dev.singletable.test.autoconfigure;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext.HierarchyMode;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextManager;

import dev.singletable.autoconfigure.embedded.EmbeddedDynamoDbLocal;
import dev.singletable.autoconfigure.embedded.EmbeddedS3;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.test.autoconfigure.blobs.BlobApplication;
import dev.singletable.test.autoconfigure.blobs.Report;
import dev.singletable.test.autoconfigure.blobs.ReportRepository;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test contexts with blobs, loaded by the test framework as for different test classes, use one embedded S3 of the
 * JVM, as they use one DynamoDB Local, each with its own buckets (the same bucket name in every context); a context
 * with a persistent store gets servers of its own on it.
 */
class SharedEmbeddedS3Tests {

	@Test
	void contextsShareOneS3AndKeepTheirObjectsApart() {
		TestContext first = testContext(First.class);
		TestContext second = testContext(Second.class);
		ApplicationContext one = first.getApplicationContext();
		ApplicationContext two = second.getApplicationContext();
		EmbeddedS3 s3One = one.getBean(EmbeddedS3.class);
		EmbeddedS3 s3Two = two.getBean(EmbeddedS3.class);
		assertThat(s3One.getEndpoint()).isEqualTo(s3Two.getEndpoint());
		// One start for the whole JVM, whichever test class came first
		assertThat(SharedEmbeddedS3.startCount()).isEqualTo(1);

		Report inOne = one.getBean(ReportRepository.class).save(new Report(null, null, "one", "only in one"));
		S3Client clientOne = one.getBean(S3Client.class);
		S3Client clientTwo = two.getBean(S3Client.class);
		assertThat(clientOne.listObjectsV2((request) -> request.bucket("reports")).contents()).hasSize(1);
		assertThat(clientTwo.listObjectsV2((request) -> request.bucket("reports")).contents())
			.as("the same bucket name, another store")
			.isEmpty();
		Report inTwo = two.getBean(ReportRepository.class).save(new Report(inOne.id(), null, "two", "only in two"));
		SingleTableTemplate templateOne = one.getBean(SingleTableTemplate.class);
		SingleTableTemplate templateTwo = two.getBean(SingleTableTemplate.class);
		assertThat(templateOne.loadBlobs(templateOne.getById(Report.class, inOne.id())).body()).isEqualTo("only in one");
		assertThat(templateTwo.loadBlobs(templateTwo.getById(Report.class, inTwo.id())).body()).isEqualTo("only in two");

		// Closing a context does not stop the server the others use
		first.markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
		assertThat(((ConfigurableApplicationContext) one).isActive()).isFalse();
		assertThat(s3Two.isRunning()).isTrue();
		assertThat(clientTwo.listObjectsV2((request) -> request.bucket("reports")).contents()).hasSize(1);
		TestContext third = testContext(Third.class);
		assertThat(third.getApplicationContext().getBean(EmbeddedS3.class).getEndpoint())
			.isEqualTo(s3Two.getEndpoint());
		assertThat(SharedEmbeddedS3.startCount()).isEqualTo(1);
		third.markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
		second.markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
	}

	@Test
	void aContextWithAPersistentStoreGetsServersOfItsOwnOnIt() {
		TestContext persistent = testContext(Persistent.class);
		ApplicationContext context = persistent.getApplicationContext();
		EmbeddedDynamoDbLocal dynamoDbLocal = context.getBean(EmbeddedDynamoDbLocal.class);
		assertThat(dynamoDbLocal.getDirectory()).isEqualTo(Path.of("target", "shared-s3-tests-store", "dynamodb"));
		assertThat(dynamoDbLocal.getEndpoint()).isNotEqualTo(SharedEmbeddedDynamoDbLocal.endpointIfRunning());
		assertThat(context.getBean(EmbeddedS3.class).getDirectory())
			.isEqualTo(Path.of("target", "shared-s3-tests-store", "s3"));
		Report saved = context.getBean(ReportRepository.class).save(new Report(null, null, "kept", "in files"));
		assertThat(context.getBean(ReportRepository.class).findById(saved.id())).isPresent();
		persistent.markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
		assertThat(dynamoDbLocal.isRunning()).isFalse();
	}

	private static TestContext testContext(Class<?> testClass) {
		return new TestContextManager(testClass).getTestContext();
	}

	@DataSingleTableTest(properties = { "singletable.blobs.bucket=reports", "spring.application.name=first" })
	@ContextConfiguration(classes = BlobApplication.class)
	static class First {

	}

	@DataSingleTableTest(properties = { "singletable.blobs.bucket=reports", "spring.application.name=second" })
	@ContextConfiguration(classes = BlobApplication.class)
	static class Second {

	}

	@DataSingleTableTest(properties = { "singletable.blobs.bucket=reports", "spring.application.name=third" })
	@ContextConfiguration(classes = BlobApplication.class)
	static class Third {

	}

	@DataSingleTableTest(properties = { "singletable.blobs.bucket=reports",
			"singletable.embedded.persistent=target/shared-s3-tests-store" })
	@ContextConfiguration(classes = BlobApplication.class)
	static class Persistent {

	}

}
