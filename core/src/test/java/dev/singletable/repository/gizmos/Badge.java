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
 * A versioned, uncompressed type whose auditors are records.
 */
@SingleTableEntity(versioned = true, compression = SingleTableEntity.Compression.DISABLED)
public record Badge(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
		@LastModifiedDate Instant updatedAt, String label, @CreatedBy Actor createdBy, @LastModifiedBy Actor modifiedBy) {

	public Badge withLabel(String label, Actor createdBy) {
		return new Badge(this.id, this.version, this.createdAt, this.updatedAt, label, createdBy, this.modifiedBy);
	}

	/** An auditor. */
	public record Actor(String name, int level) {
	}

}
