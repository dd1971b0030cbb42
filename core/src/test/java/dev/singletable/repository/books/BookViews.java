package dev.singletable.repository.books;

import java.time.Instant;

import org.springframework.beans.factory.annotation.Value;

/**
 * Projections of {@link Book}.
 */
public final class BookViews {

	private BookViews() {
	}

	/** Closed, with a nested projection. */
	public interface WithAuthor {

		String getTitle();

		AuthorName getAuthor();

		interface AuthorName {

			String getName();

		}

	}

	/** Closed, with a default method. */
	public interface WithDefault {

		String getTitle();

		Book.Genre getGenre();

		default String getLabel() {
			return getTitle() + "/" + getGenre();
		}

	}

	/** Open, on the target's nested value. */
	public interface OpenAuthor {

		@Value("#{target.author().name() + ':' + target.title()}")
		String getLine();

	}

	/** Record converting an enum and an instant to strings. */
	public record Strings(String title, String genre, String createdAt) {
	}

	/** A DTO class with a no-argument constructor and setters, as Spring Data MongoDB maps. */
	public static class Bean {

		private String title;

		private Book.Genre genre;

		public String getTitle() {
			return this.title;
		}

		public void setTitle(String title) {
			this.title = title;
		}

		public Book.Genre getGenre() {
			return this.genre;
		}

		public void setGenre(Book.Genre genre) {
			this.genre = genre;
		}

	}

	/** A record with a property the entity lacks. */
	public record WithExtra(String title, String missing, int count) {
	}

	/** Closed, versioned. */
	public interface Versioned {

		String getTitle();

		Long getVersion();

		Instant getUpdatedAt();

	}

}
