package dev.singletable.repository.contracts;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A plain type whose expired items reads hide, listed by holder on {@code gsi1} in creation order.
 */
@SingleTableEntity(ttlProperty = "expiresAt", hideExpired = true)
@IndexKey(index = "gsi1", partition = "holder#{holder}")
public record Lease(@Id String id, @LastModifiedDate Instant updatedAt, String holder, int number, Instant expiresAt) {

	public static Lease of(String holder, int number, Instant expiresAt) {
		return new Lease(null, null, holder, number, expiresAt);
	}

}
