package dev.singletable.autoconfigure.data.audit;

import java.time.Instant;

import org.springframework.data.annotation.CreatedBy;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedBy;
import org.springframework.data.annotation.LastModifiedDate;

import dev.singletable.core.mapping.SingleTableEntity;

@SingleTableEntity
public record Note(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt,
		@CreatedBy String createdBy, @LastModifiedBy String modifiedBy, String text) {

	public Note withText(String text) {
		return new Note(this.id, this.createdAt, this.updatedAt, null, this.modifiedBy, text);
	}

}
