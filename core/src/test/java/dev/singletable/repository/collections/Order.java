package dev.singletable.repository.collections;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.jspecify.annotations.Nullable;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

@SingleTableEntity(versioned = true)
@IndexKey(index = "gsi1", partition = "customer#{customerId}")
public record Order(@Id String id, @Version @Nullable Long version, String customerId, int amount) {
}
