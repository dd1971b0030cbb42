package dev.singletable.core.interop;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * The Java side of the Python model {@code PyTask(DynamoDbVersionedResource)} of
 * {@code golden/python-versioned-compressed.json}: versioned and compressed (the defaults on both sides). Its
 * camelCase properties match the Python snake_case fields through a snake-case naming strategy.
 */
@SingleTableEntity(prefix = "PyTask", versioned = true)
public record PyTask(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
		@LastModifiedDate Instant updatedAt, String title, String status, int priority, Set<String> tags,
		double estimateHours, LocalDate dueDate, String assignee, List<String> checklist) {

	public PyTask withStatus(String status) {
		return new PyTask(this.id, this.version, this.createdAt, this.updatedAt, this.title, status, this.priority,
				this.tags, this.estimateHours, this.dueDate, this.assignee, this.checklist);
	}

}
