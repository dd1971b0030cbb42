package dev.singletable.core.contract;

import java.time.Instant;

import org.springframework.data.annotation.CreatedBy;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedBy;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A versioned, compressed audited type.
 */
@SingleTableEntity(versioned = true)
public record Draft(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
		@LastModifiedDate Instant updatedAt, @CreatedBy String createdBy, @LastModifiedBy String modifiedBy,
		String text) {

	public static Draft of(String text) {
		return new Draft(null, null, null, null, null, null, text);
	}

	public Draft withText(String text) {
		return new Draft(this.id, this.version, this.createdAt, this.updatedAt, this.createdBy, this.modifiedBy, text);
	}

	public Draft withCreatedBy(String createdBy) {
		return new Draft(this.id, this.version, this.createdAt, this.updatedAt, createdBy, this.modifiedBy, this.text);
	}

}
