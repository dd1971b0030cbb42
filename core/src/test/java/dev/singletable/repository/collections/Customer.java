package dev.singletable.repository.collections;

import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

@SingleTableEntity
@IndexKey(index = "gsi1", partition = "customer#{id}")
public record Customer(@Id String id, String name) {
}
