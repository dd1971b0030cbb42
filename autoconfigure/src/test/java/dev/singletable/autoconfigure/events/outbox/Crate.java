package dev.singletable.autoconfigure.events.outbox;

import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A plain entity, one item each, to fill a transaction.
 *
 * @param id the identifier
 */
@SingleTableEntity
public record Crate(@Id String id) {
}
