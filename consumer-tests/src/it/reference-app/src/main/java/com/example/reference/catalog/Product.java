package com.example.reference.catalog;

import java.time.Instant;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

@SingleTableEntity
@IndexKey(index = "gsi1", partition = "category#{category}")
public record Product(@Id String id, @LastModifiedDate Instant updatedAt, String category, String name, long stock,
		Set<String> tags) {
}
