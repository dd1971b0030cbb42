package dev.singletable.repository.shelves;

import java.time.Instant;

import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A book whose id the client assigns: listed by author on {@code gsi1} (sorted by the table's {@code pk}, so in id
 * order, which is not the creation order) and by shelf on {@code gsi3} (sorted by title).
 */
@SingleTableEntity
@IndexKey(index = "gsi1", partition = "author#{author}")
@IndexKey(index = "gsi3", partition = "shelf#{shelf}", sort = "{title}")
public record Book(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt, String author,
		String shelf, String title) {

	public static Book of(String id, String author, String shelf, String title) {
		return new Book(id, null, null, author, shelf, title);
	}

	public Book titled(String title) {
		return new Book(this.id, this.createdAt, this.updatedAt, this.author, this.shelf, title);
	}

}
