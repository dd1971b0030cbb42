package dev.singletable.repository.memos;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.BlobField;
import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A plain, uncompressed type with a large field stored in S3.
 */
@SingleTableEntity(compression = SingleTableEntity.Compression.DISABLED)
@IndexKey(index = "gsi4", partition = "folder#{folder}", sort = "{name}")
public record Sheet(@Id String id, @Version Long version, String folder, String name, @BlobField String body) {

	/** A closed projection of the large field. */
	public interface BodyView {

		String getName();

		String getBody();

	}

}
