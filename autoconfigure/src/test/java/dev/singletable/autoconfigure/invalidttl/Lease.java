package dev.singletable.autoconfigure.invalidttl;

import java.time.Instant;

import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * An entity that cannot be stored: its property {@code ttl} would share the attribute its TTL is written to.
 *
 * @param id the identifier
 * @param expiresAt when the lease expires
 * @param ttl a property stored under the TTL attribute's name
 */
@SingleTableEntity(ttlProperty = "expiresAt")
public record Lease(@Id String id, Instant expiresAt, long ttl) {

}
