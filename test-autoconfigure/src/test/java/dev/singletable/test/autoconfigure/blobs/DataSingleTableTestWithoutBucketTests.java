package dev.singletable.test.autoconfigure.blobs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextManager;

import dev.singletable.core.blob.MissingBlobStorageException;
import dev.singletable.test.autoconfigure.DataSingleTableTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A {@link DataSingleTableTest @DataSingleTableTest} of an application with a {@code @BlobField} entity and no
 * {@code singletable.blobs.bucket} fails to start, and Spring Boot reports it with singletable's failure analysis:
 * what is wrong and what to set, rather than a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class DataSingleTableTestWithoutBucketTests {

	@Test
	void failsWithAnAnalysisNamingTheTypeThePropertyAndWhatToSet(CapturedOutput output) {
		TestContext testContext = new TestContextManager(WithoutBucket.class).getTestContext();

		assertThatIllegalStateException().isThrownBy(testContext::getApplicationContext)
			.havingRootCause()
			.isInstanceOf(MissingBlobStorageException.class);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The entity type " + Report.class.getName() + " stores its property 'body' in S3 (@BlobField), "
					+ "but no blob storage is configured: singletable.blobs.bucket is not set.")
			.contains("Set singletable.blobs.bucket to the S3 bucket that holds the objects");
	}

	@DataSingleTableTest
	@ContextConfiguration(classes = BlobApplication.class)
	static class WithoutBucket {

	}

}
