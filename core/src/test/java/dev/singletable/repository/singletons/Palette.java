package dev.singletable.repository.singletons;

import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A plain type in the same index partitions as {@link Branding}, with ids on both sides of its key.
 */
@SingleTableEntity
@IndexKey(index = "gsi1", partition = "theme#{theme}")
public record Palette(@Id String id, String theme) {
}
