package dev.singletable.autoconfigure.definitions.plain;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

@SingleTableEntity(versioned = true)
@IndexKey(index = "gsi1", partition = "queue#{queue}")
public record Ticket(@Id String id, @Version Long version, @LastModifiedDate Instant updatedAt, String queue,
		String title, Severity severity) {

	public enum Severity {
		LOW, HIGH
	}

}
