package dev.singletable.autoconfigure.events.externalized;

import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A plain entity, one item each, whose placement publishes an {@link OrderPlaced} event.
 *
 * @param id the identifier
 * @param item what was ordered
 */
@SingleTableEntity
public record Order(@Id String id, String item) {
}
