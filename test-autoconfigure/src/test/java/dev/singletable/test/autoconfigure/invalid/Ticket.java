package dev.singletable.test.autoconfigure.invalid;

import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * An entity with an index key that has no partition template.
 *
 * @param id the id
 * @param queue the queue
 */
@SingleTableEntity
@IndexKey(index = "gsi1")
public record Ticket(@Id String id, String queue) {

}
