package dev.singletable.repository.gizmos;

import java.time.Instant;

import org.springframework.data.annotation.CreatedBy;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedBy;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A versioned, uncompressed type with the auditing annotations.
 */
@SingleTableEntity(versioned = true, compression = SingleTableEntity.Compression.DISABLED)
public record Shelf(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
		@LastModifiedDate Instant updatedAt, String text, @CreatedBy String createdBy,
		@LastModifiedBy String modifiedBy) {

	public Shelf with(String text, Instant createdAt, String createdBy) {
		return new Shelf(this.id, this.version, createdAt, this.updatedAt, text, createdBy, this.modifiedBy);
	}

}
