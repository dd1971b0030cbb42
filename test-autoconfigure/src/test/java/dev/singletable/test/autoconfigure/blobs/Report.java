package dev.singletable.test.autoconfigure.blobs;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.BlobField;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A versioned entity whose body is stored in S3.
 *
 * @param id the id
 * @param version the version
 * @param title the title, in the item
 * @param body the body, in S3
 */
@SingleTableEntity(versioned = true)
public record Report(@Id String id, @Version Long version, String title, @BlobField(compress = true) String body) {

}
