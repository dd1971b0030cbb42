package dev.singletable.core.contract;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.CreatedBy;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedBy;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.domain.DomainEvents;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A plain, uncompressed audited type that publishes a domain event when saved through a repository.
 */
@SingleTableEntity(compression = SingleTableEntity.Compression.DISABLED)
public record Memo(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt,
		@CreatedBy String createdBy, @LastModifiedBy String modifiedBy, String text) {

	public static Memo of(String text) {
		return new Memo(null, null, null, null, null, text);
	}

	public Memo withText(String text) {
		return new Memo(this.id, this.createdAt, this.updatedAt, this.createdBy, this.modifiedBy, text);
	}

	public Memo withCreatedBy(String createdBy) {
		return new Memo(this.id, this.createdAt, this.updatedAt, createdBy, this.modifiedBy, this.text);
	}

	@DomainEvents
	List<Saved> events() {
		return List.of(new Saved(this.text));
	}

	public record Saved(String text) {
	}

}
