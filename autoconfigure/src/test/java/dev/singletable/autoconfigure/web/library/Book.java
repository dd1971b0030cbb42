package dev.singletable.autoconfigure.web.library;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A book on a shelf: {@code gsi1} lists a shelf in id order, the type index lists every book by modification time.
 * @param id the id, assigned by the client
 * @param updatedAt the modification time
 * @param shelf the shelf
 * @param title the title
 */
@SingleTableEntity
@IndexKey(index = "gsi1", partition = "shelf#{shelf}")
public record Book(@Id String id, @LastModifiedDate Instant updatedAt, String shelf, String title) {
}
