package dev.singletable.console.probe;

import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * The customer of the item collection of the reference documentation: {@code customer#{id}} on gsi1.
 */
@SingleTableEntity
@IndexKey(index = "gsi1", partition = "customer#{id}")
public record Customer(@Id String id, String name) {
}
