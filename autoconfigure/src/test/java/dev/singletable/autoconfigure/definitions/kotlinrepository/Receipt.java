package dev.singletable.autoconfigure.definitions.kotlinrepository;

import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * An entity type that is a Kotlin class (marked as {@code kotlin.Metadata}), known only as a repository's domain type.
 * @param id the id
 * @param cents the amount
 */
@kotlin.Metadata
@SingleTableEntity
public record Receipt(@Id String id, long cents) {
}
