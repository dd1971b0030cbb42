package dev.singletable.autoconfigure.blobfixtures;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.BlobField;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A versioned entity with a blob property, for the blob auto-configuration tests.
 *
 * @param id the id
 * @param version the version
 * @param title the title, in the item
 * @param text the text, in S3
 */
@SingleTableEntity(versioned = true)
public record Manual(@Id String id, @Version Long version, String title, @BlobField(compress = true) String text) {

}
