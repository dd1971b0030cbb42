package com.example.reactive;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A plain (not versioned) entity with optimistic locking, listed by board on {@code gsi1}.
 */
@SingleTableEntity
@IndexKey(index = "gsi1", partition = "board#{board}")
public record Task(@Id String id, @Version Long version, String board, String title) {
}
