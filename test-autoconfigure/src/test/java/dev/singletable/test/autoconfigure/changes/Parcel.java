package dev.singletable.test.autoconfigure.changes;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A versioned entity whose changes the tests listen to.
 *
 * @param id the id
 * @param version the version
 * @param state where the parcel is
 */
@SingleTableEntity(versioned = true)
public record Parcel(@Id String id, @Version Long version, String state) {
}
