package dev.singletable.autoconfigure.drift.before;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A ticket as the first version of the application defines it: indexed by status only.
 */
@SingleTableEntity(prefix = "Ticket", versioned = true)
@IndexKey(index = "gsi1", partition = "status#{status}")
public record Ticket(@Id String id, @Version Long version, @LastModifiedDate Instant updatedAt, String owner,
		String status) {

	public static Ticket of(String owner, String status) {
		return new Ticket(null, null, null, owner, status);
	}

}
