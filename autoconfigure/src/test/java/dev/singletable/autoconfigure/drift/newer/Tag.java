package dev.singletable.autoconfigure.drift.newer;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A plain tag, declared alike by both versions of the application.
 *
 * @param id the id
 * @param updatedAt when it last changed
 * @param label its label
 */
@SingleTableEntity(prefix = "Tag")
public record Tag(@Id @Nullable String id, @LastModifiedDate @Nullable Instant updatedAt, String label) {

	public Tag withLabel(String label) {
		return new Tag(this.id, this.updatedAt, label);
	}

}
