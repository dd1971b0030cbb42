package dev.singletable.autoconfigure.data.reactiverepo;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A versioned entity with one index.
 * @param id the id
 * @param version the version
 * @param updatedAt the modification time
 * @param color the color
 */
@SingleTableEntity(versioned = true)
@IndexKey(index = "gsi1", partition = "color#{color}")
public record Gizmo(@Id String id, @Version Long version, @LastModifiedDate Instant updatedAt, String color) {
}
