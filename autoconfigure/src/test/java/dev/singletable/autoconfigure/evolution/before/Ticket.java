package dev.singletable.autoconfigure.evolution.before;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A versioned ticket as the application first declared it: no index by owner.
 *
 * @param id the id
 * @param version the version
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param owner who owns it
 * @param title the title
 * @param edits how many times it was edited
 */
@SingleTableEntity(prefix = "Ticket", versioned = true)
public record Ticket(@Id @Nullable String id, @Version @Nullable Long version, @CreatedDate @Nullable Instant createdAt,
		@LastModifiedDate @Nullable Instant updatedAt, String owner, String title, int edits) {

	public Ticket edited() {
		return new Ticket(this.id, this.version, this.createdAt, this.updatedAt, this.owner, this.title + "'",
				this.edits + 1);
	}

}
