package dev.singletable.autoconfigure.events.changes;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A versioned entity (compressed, as versioned types are by default) whose changes the application listens to.
 *
 * @param id the identifier
 * @param version the version
 * @param state the state
 */
@SingleTableEntity(versioned = true)
public record Parcel(@Id String id, @Version Long version, String state) {
}
