package dev.singletable.repository.metadata;

import java.time.Instant;
import java.util.Map;

import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.FilterMetadata;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.UnmappedAttributes;

/**
 * A compressed versioned type whose status and priority are copied into the filter {@code metadata}, its body
 * not; it keeps what it does not map.
 */
@SingleTableEntity(versioned = true)
public record Incident(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
		@LastModifiedDate Instant updatedAt, @FilterMetadata String status, @FilterMetadata Integer priority,
		String body, @UnmappedAttributes Map<String, Object> other) {

	Incident with(String status, Integer priority) {
		return new Incident(this.id, this.version, this.createdAt, this.updatedAt, status, priority, this.body,
				this.other);
	}

}
