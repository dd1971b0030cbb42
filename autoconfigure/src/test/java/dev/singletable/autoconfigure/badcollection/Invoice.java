package dev.singletable.autoconfigure.badcollection;

import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * An invoice, on gsi1 under another partition template than its customer's: no item collection with it.
 * @param id the id
 * @param customerKey the customer's key
 */
@SingleTableEntity
@IndexKey(index = "gsi1", partition = "billing#{customerKey}")
public record Invoice(@Id String id, String customerKey) {
}
