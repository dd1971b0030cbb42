package com.example.reference.entities;

import java.time.Instant;

import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

@SingleTableEntity(versioned = true, maxVersions = 20)
@IndexKey(index = "gsi1", partition = "status#{status}")
@IndexKey(index = "gsi3", partition = "author#{author}", sort = "{updatedAt}")
public record Article(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
		@LastModifiedDate Instant updatedAt, String title, Status status, String author) {

	public Article withTitle(String title) {
		return new Article(this.id, this.version, this.createdAt, this.updatedAt, title, this.status, this.author);
	}

	public enum Status {
		DRAFT, PUBLISHED
	}

}
