package dev.singletable.repository.jobs;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A plain, uncompressed type whose expired items reads hide: listed by customer on {@code gsi1} (creation
 * order), by status on {@code gsi4} (update order), and on the sparse {@code gsi3}, which holds assigned jobs
 * only, ordered by assignee.
 */
@SingleTableEntity(ttlProperty = "expiresAt", hideExpired = true)
@IndexKey(index = "gsi1", partition = "customer#{customerId}")
@IndexKey(index = "gsi3", partition = "assigned", sort = "{assignee}")
@IndexKey(index = "gsi4", partition = "status#{status}", sort = "{updatedAt}")
public record Job(@Id String id, @LastModifiedDate Instant updatedAt, String status, String customerId,
		String assignee, int number, Instant expiresAt) {

	public static Job of(int number, String status, String customerId, String assignee) {
		return new Job(null, null, status, customerId, assignee, number, null);
	}

	public Job expiringAt(Instant expiresAt) {
		return new Job(this.id, this.updatedAt, this.status, this.customerId, this.assignee, this.number, expiresAt);
	}

}
