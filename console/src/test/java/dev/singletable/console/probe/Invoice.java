package dev.singletable.console.probe;

import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A customer's invoice, in the customer's item collection: {@code customer#{customerId}} on gsi1, the template of
 * the reference documentation.
 */
@SingleTableEntity
@IndexKey(index = "gsi1", partition = "customer#{customerId}")
public record Invoice(@Id String id, String customerId, long cents, boolean paid) {
}
