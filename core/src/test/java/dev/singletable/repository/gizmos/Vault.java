package dev.singletable.repository.gizmos;

import java.time.Instant;

import org.springframework.data.annotation.CreatedBy;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedBy;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A versioned, compressed type with the auditing annotations.
 */
@SingleTableEntity(versioned = true)
@IndexKey(index = "gsi2", partition = "zone#{zone}")
public record Vault(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
		@LastModifiedDate Instant updatedAt, String zone, String text, @CreatedBy String createdBy,
		@LastModifiedBy String modifiedBy) {

	public static Vault of(String zone, String text) {
		return new Vault(null, null, null, null, zone, text, null, null);
	}

	public Vault with(String text, Instant createdAt, String createdBy) {
		return new Vault(this.id, this.version, createdAt, this.updatedAt, this.zone, text, createdBy, this.modifiedBy);
	}

}
