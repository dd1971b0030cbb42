package dev.singletable.repository.books;

import java.time.Instant;

import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * An uncompressed, versioned type with a nested value, an enum and an expiry, read through projections.
 */
@SingleTableEntity(versioned = true, compression = SingleTableEntity.Compression.DISABLED, ttlProperty = "expiresAt",
		hideExpired = true)
@IndexKey(index = "gsi1", partition = "shelf#{shelf}")
@IndexKey(index = "gsi3", partition = "lent", sort = "{borrower}")
@IndexKey(index = "gsi4", partition = "genre#{genre}", sort = "{updatedAt}")
public record Book(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
		@LastModifiedDate Instant updatedAt, String shelf, String title, Author author, Genre genre,
		Instant expiresAt, String borrower) {

	public static Book of(String shelf, String title, String author, Genre genre) {
		return new Book(null, null, null, null, shelf, title, new Author(author, 40), genre, null, null);
	}

	public Book lentTo(String borrower) {
		return new Book(this.id, this.version, this.createdAt, this.updatedAt, this.shelf, this.title, this.author,
				this.genre, this.expiresAt, borrower);
	}

	public Book expiringAt(Instant expiresAt) {
		return new Book(this.id, this.version, this.createdAt, this.updatedAt, this.shelf, this.title, this.author,
				this.genre, expiresAt, this.borrower);
	}

	/** A nested value. */
	public record Author(String name, int age) {
	}

	/** An enum. */
	public enum Genre {

		NOVEL, POEM

	}

}
