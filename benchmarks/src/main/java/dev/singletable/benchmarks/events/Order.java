package dev.singletable.benchmarks.events;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * The benchmark's resource: a small versioned order, compressed as versioned types are by default.
 *
 * @param id the id
 * @param version the version
 * @param customer the customer
 * @param total the total in cents
 * @param note a note
 */
@SingleTableEntity(versioned = true)
public record Order(@Id String id, @Version Long version, String customer, long total, String note) {
}
