package dev.singletable.autoconfigure.definitions.kotlin;

import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * An entity type that is a Kotlin class, marked as the Kotlin compiler marks every class it writes (this module
 * compiles no Kotlin; the check reads only the mark).
 * @param id the id
 * @param title the title
 */
@kotlin.Metadata
@SingleTableEntity
public record Ticket(@Id String id, String title) {
}
