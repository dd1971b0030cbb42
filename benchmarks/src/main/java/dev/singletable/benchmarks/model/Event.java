package dev.singletable.benchmarks.model;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A small plain resource (about 300 bytes) that the streaming benchmarks read by the thousand through the type
 * index.
 *
 * @param id the id
 * @param createdAt the creation time
 * @param updatedAt the last modification time
 * @param source the emitting system
 * @param kind the kind of event
 * @param sequence the sequence number at the source
 * @param attributes a few string attributes
 */
@SingleTableEntity
public record Event(@Id @Nullable String id, @CreatedDate @Nullable Instant createdAt,
		@LastModifiedDate @Nullable Instant updatedAt, String source, String kind, long sequence,
		Map<String, String> attributes) {
}
