package dev.singletable.autoconfigure.data.deeds;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.CreatedBy;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedBy;
import org.springframework.data.annotation.LastModifiedDate;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A plain type with nested values (a record and a list of them) and the auditor annotations.
 */
@SingleTableEntity
@IndexKey(index = "gsi1", partition = "city#{city}")
public record Parcel(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt, String city,
		Address to, List<Address> stops, @CreatedBy String createdBy, @LastModifiedBy String modifiedBy) {

	public Parcel withCity(String city) {
		return new Parcel(this.id, this.createdAt, this.updatedAt, city, this.to, this.stops, this.createdBy,
				this.modifiedBy);
	}

	/** A nested value. */
	public record Address(String street, String zip) {
	}

}
