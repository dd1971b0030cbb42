package dev.singletable.autoconfigure.evolution.after;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableEntity.Compression;

/**
 * A plain note as the application now declares it: indexed by author on gsi2.
 *
 * @param id the id
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param author who wrote it
 * @param text the text
 */
@SingleTableEntity(prefix = "Note", compression = Compression.DISABLED)
@IndexKey(index = "gsi2", partition = "author#{author}")
public record Note(@Id @Nullable String id, @CreatedDate @Nullable Instant createdAt,
		@LastModifiedDate @Nullable Instant updatedAt, String author, String text) {

}
