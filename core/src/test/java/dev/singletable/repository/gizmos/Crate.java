package dev.singletable.repository.gizmos;

import java.time.Instant;

import org.springframework.data.annotation.CreatedBy;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedBy;
import org.springframework.data.annotation.LastModifiedDate;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A plain, compressed type with the auditing annotations.
 */
@SingleTableEntity(compression = SingleTableEntity.Compression.ENABLED)
public record Crate(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt, String text,
		@CreatedBy String createdBy, @LastModifiedBy String modifiedBy) {

	public Crate with(String text, Instant createdAt, String createdBy) {
		return new Crate(this.id, createdAt, this.updatedAt, text, createdBy, this.modifiedBy);
	}

}
