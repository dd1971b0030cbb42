package dev.singletable.repository.memos;

import java.time.Instant;

import org.springframework.data.annotation.CreatedBy;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedBy;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A versioned, uncompressed type with a {@code @Version Long}, the auditing annotations and an index by topic,
 * sorted by title.
 */
@SingleTableEntity(versioned = true, compression = SingleTableEntity.Compression.DISABLED)
@IndexKey(index = "gsi4", partition = "topic#{topic}", sort = "{title}")
public record Memo(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
		@LastModifiedDate Instant updatedAt, String topic, String title, Integer pages, @CreatedBy String createdBy,
		@LastModifiedBy String modifiedBy) {

	public static Memo of(String topic, String title) {
		return new Memo(null, null, null, null, topic, title, title.length(), null, null);
	}

	public Memo withTitle(String title) {
		return new Memo(this.id, this.version, this.createdAt, this.updatedAt, this.topic, title, this.pages,
				this.createdBy, this.modifiedBy);
	}

	public Memo withId(String id) {
		return new Memo(id, this.version, this.createdAt, this.updatedAt, this.topic, this.title, this.pages,
				this.createdBy, this.modifiedBy);
	}

	public Memo withVersion(Long version) {
		return new Memo(this.id, version, this.createdAt, this.updatedAt, this.topic, this.title, this.pages,
				this.createdBy, this.modifiedBy);
	}

}
