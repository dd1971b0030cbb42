package dev.singletable.autoconfigure.invalid;

import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * An entity that cannot be stored: it is versioned but has no {@code @Version} property.
 *
 * @param id the identifier
 */
@SingleTableEntity(versioned = true)
public record Unversioned(@Id String id) {

}
