package dev.singletable.autoconfigure.drift.tickets;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * The stored ticket, indexed by owner on {@code gsi2} now.
 */
@SingleTableEntity(prefix = "Ticket", versioned = true)
@IndexKey(index = "gsi1", partition = "status#{status}")
@IndexKey(index = "gsi2", partition = "owner#{owner}")
public record Ticket(@Id String id, @Version Long version, @LastModifiedDate Instant updatedAt, String owner,
		String status) {

}
