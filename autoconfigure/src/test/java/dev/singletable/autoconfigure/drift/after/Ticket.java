package dev.singletable.autoconfigure.drift.after;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * The same stored ticket as the next version of the application defines it: also indexed by owner, on
 * {@code gsi2}, which the tickets stored before do not carry.
 */
@SingleTableEntity(prefix = "Ticket", versioned = true)
@IndexKey(index = "gsi1", partition = "status#{status}")
@IndexKey(index = "gsi2", partition = "owner#{owner}")
public record Ticket(@Id String id, @Version Long version, @LastModifiedDate Instant updatedAt, String owner,
		String status) {

	public static Ticket of(String owner, String status) {
		return new Ticket(null, null, null, owner, status);
	}

}
