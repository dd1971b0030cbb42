package dev.singletable.repository.gizmos;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.data.annotation.CreatedBy;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedBy;
import org.springframework.data.annotation.LastModifiedDate;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A plain, uncompressed type with a property stored under another name, a nested value, a sparse index and the
 * auditing annotations.
 */
@SingleTableEntity(omitNulls = true)
@IndexKey(index = "gsi4", partition = "color#{color}", sort = "{name}")
@IndexKey(index = "gsi3", partition = "owned", sort = "{owner}")
public record Gizmo(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt,
		@JsonProperty("gizmo_label") String name, String color, int weight, String owner, Part part,
		@CreatedBy String createdBy, @LastModifiedBy String modifiedBy) {

	public static Gizmo of(String name, String color, int weight) {
		return new Gizmo(null, null, null, name, color, weight, null, new Part("S-" + name, 1), null, null);
	}

	public Gizmo withId(String id) {
		return new Gizmo(id, this.createdAt, this.updatedAt, this.name, this.color, this.weight, this.owner,
				this.part, this.createdBy, this.modifiedBy);
	}

	public Gizmo withName(String name) {
		return new Gizmo(this.id, this.createdAt, this.updatedAt, name, this.color, this.weight, this.owner,
				this.part, this.createdBy, this.modifiedBy);
	}

	public Gizmo withOwner(String owner) {
		return new Gizmo(this.id, this.createdAt, this.updatedAt, this.name, this.color, this.weight, owner,
				this.part, this.createdBy, this.modifiedBy);
	}

	public Gizmo withCreated(Instant createdAt, String createdBy) {
		return new Gizmo(this.id, createdAt, this.updatedAt, this.name, this.color, this.weight, this.owner,
				this.part, createdBy, this.modifiedBy);
	}

	public Gizmo withUpdatedAt(Instant updatedAt) {
		return new Gizmo(this.id, this.createdAt, updatedAt, this.name, this.color, this.weight, this.owner,
				this.part, this.createdBy, this.modifiedBy);
	}

	/** A nested value. */
	public record Part(String serial, int count) {
	}

}
