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
 * A ticket as the application defined it when the stored tickets were written: the same prefix and fields as
 * {@link Ticket}, indexed by status only.
 *
 * @param id the id
 * @param version the version
 * @param createdAt the creation time
 * @param updatedAt the last modification time
 * @param title the title
 * @param owner who the ticket is assigned to
 * @param status the status; the {@code gsi1} partition
 * @param description a paragraph of text
 */
@SingleTableEntity(prefix = Ticket.PREFIX, versioned = true, compression = Compression.ENABLED)
@IndexKey(index = "gsi1", partition = "status#{status}")
public record TicketBefore(@Id @Nullable String id, @Version @Nullable Long version,
		@CreatedDate @Nullable Instant createdAt, @LastModifiedDate @Nullable Instant updatedAt, String title,
		String owner, String status, String description) {
}
