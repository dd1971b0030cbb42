package com.example.reference.reports;

import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.BlobField;
import dev.singletable.core.mapping.SingleTableEntity;

@SingleTableEntity(versioned = true)
public record Report(@Id String id, @Version Long version, String title,
		@BlobField(compress = true, contentType = "application/json", maxSizeBytes = 5_000_000) Map<String, Object> body,
		@BlobField byte[] attachment) {
}
