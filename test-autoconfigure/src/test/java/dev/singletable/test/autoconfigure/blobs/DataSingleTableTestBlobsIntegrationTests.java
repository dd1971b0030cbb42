package dev.singletable.test.autoconfigure.blobs;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import dev.singletable.autoconfigure.embedded.EmbeddedS3;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.test.autoconfigure.DataSingleTableTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link DataSingleTableTest @DataSingleTableTest} of an application with a {@code @BlobField} entity, written as
 * docs/reference/testing.md shows it, with the bucket set as docs/reference/blobs.md says: the slice
 * configures the blob storage and an in-memory S3, and a blob makes the round trip.
 */
@DataSingleTableTest(properties = "singletable.blobs.bucket=reports")
class DataSingleTableTestBlobsIntegrationTests {

	@Autowired
	private ReportRepository reports;

	@Autowired
	private SingleTableTemplate template;

	@Autowired
	private ApplicationContext context;

	@Test
	void savesAndLoadsABlobOnTheEmbeddedS3() {
		Report saved = this.reports.save(new Report(null, null, "Q1", "a long body ".repeat(100)));
		Report read = this.reports.findById(saved.id()).orElseThrow();
		assertThat(read.title()).isEqualTo("Q1");
		assertThat(read.body()).isNull();
		String body = this.template.loadBlob(read, "body");
		assertThat(body).isEqualTo("a long body ".repeat(100));

		Report second = this.reports.save(new Report(read.id(), read.version(), "Q1 (revised)", "revised"));
		assertThat(this.template.loadBlobs(this.reports.findById(saved.id()).orElseThrow()).body())
			.isEqualTo("revised");
		assertThat(second.version()).isEqualTo(2L);
	}

	@Test
	void usesTheBucketOfTheProperties() {
		assertThat(this.context.getBean(BlobStorage.class).getBucket()).isEqualTo("reports");
		assertThat(this.context.getBeanNamesForType(EmbeddedS3.class)).hasSize(1);
	}

}
