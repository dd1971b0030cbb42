package com.example.python;

import java.time.Instant;
import java.util.Map;

import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.UnmappedAttributes;

@SingleTableEntity
@IndexKey(index = "gsi1", partition = "team#{team}")
public record Incident(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt,
		String team, String title, String assigneeName, int priority,
		@UnmappedAttributes Map<String, Object> other) {

	public Incident withTitle(String title) {
		return new Incident(this.id, this.createdAt, this.updatedAt, this.team, title, this.assigneeName,
				this.priority, this.other);
	}

}
