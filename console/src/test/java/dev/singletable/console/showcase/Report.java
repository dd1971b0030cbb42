package dev.singletable.console.showcase;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.BlobField;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A versioned, compressed type with two blobs in S3: a text body and a PNG chart.
 */
@SingleTableEntity(versioned = true, compression = SingleTableEntity.Compression.ENABLED)
public record Report(@Id String id, @Version Long version, String title, String owner,
		@BlobField(contentType = "text/plain;charset=UTF-8") String body,
		@BlobField(contentType = "image/png") byte[] chart) {

	public Report withTitle(String title) {
		return new Report(this.id, this.version, title, this.owner, this.body, this.chart);
	}

}
