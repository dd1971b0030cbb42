package dev.singletable.autoconfigure.transaction.names;

import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A plain entity.
 *
 * @param id the identifier
 * @param name the name
 */
@SingleTableEntity
public record Gadget(@Id String id, String name) {

}
