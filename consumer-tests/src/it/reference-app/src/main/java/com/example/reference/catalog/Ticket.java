package com.example.reference.catalog;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.FilterMetadata;
import dev.singletable.core.mapping.SingleTableEntity;

@SingleTableEntity(versioned = true)
public record Ticket(@Id String id, @Version Long version, @FilterMetadata String status,
		@FilterMetadata Integer priority, String body) {
}
