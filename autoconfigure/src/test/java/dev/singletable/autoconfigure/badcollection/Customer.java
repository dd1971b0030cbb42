package dev.singletable.autoconfigure.badcollection;

import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A customer, on gsi1 by its own key.
 * @param id the id
 * @param customerKey the customer's key
 */
@SingleTableEntity
@IndexKey(index = "gsi1", partition = "customer#{customerKey}")
public record Customer(@Id String id, String customerKey) {
}
