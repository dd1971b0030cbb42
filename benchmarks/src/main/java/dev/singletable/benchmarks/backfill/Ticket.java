package dev.singletable.benchmarks.backfill;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableEntity.Compression;

/**
 * A ticket as the application defines it after the change the backfill follows: versioned, compressed, indexed by
 * status on {@code gsi1} as before and, new, by owner on {@code gsi2}. The stored tickets were written as
 * {@link TicketBefore}, which has no {@code gsi2}: until the backfill runs none of them is in that index.
 *
 * @param id the id
 * @param version the version
 * @param createdAt the creation time
 * @param updatedAt the last modification time
 * @param title the title
 * @param owner who the ticket is assigned to; the {@code gsi2} partition
 * @param status the status; the {@code gsi1} partition
 * @param description a paragraph of text
 */
@SingleTableEntity(prefix = Ticket.PREFIX, versioned = true, compression = Compression.ENABLED)
@IndexKey(index = "gsi1", partition = "status#{status}")
@IndexKey(index = "gsi2", partition = "owner#{owner}")
public record Ticket(@Id @Nullable String id, @Version @Nullable Long version, @CreatedDate @Nullable Instant createdAt,
		@LastModifiedDate @Nullable Instant updatedAt, String title, String owner, String status, String description) {

	/** The type prefix both definitions store tickets under. */
	public static final String PREFIX = "Ticket";

}
