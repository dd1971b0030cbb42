package dev.singletable.core.interop;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A plain, uncompressed record that leaves {@literal null} values out of its items, like a Python resource
 * with {@code omit_none_attributes=True}.
 */
@SingleTableEntity(prefix = "Sparse", omitNulls = true)
public record Sparse(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt, String name,
		String note, Map<String, Object> extra, List<String> items) {

}
