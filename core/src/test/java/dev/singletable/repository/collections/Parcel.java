package dev.singletable.repository.collections;

import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/** Keyed on another partition template than the customer's collection. */
@SingleTableEntity
@IndexKey(index = "gsi1", partition = "client#{customerId}")
public record Parcel(@Id String id, String customerId) {
}
