package dev.singletable.autoconfigure.transaction.shop;

import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A plain entity.
 *
 * @param id the identifier
 * @param name the name
 */
@SingleTableEntity
public record Customer(@Id String id, String name) {

}
