package dev.singletable.repository.memos;

import org.springframework.beans.factory.annotation.Value;

/**
 * Projections of {@link Memo}.
 */
public final class MemoViews {

	private MemoViews() {
	}

	/** A closed projection with a default method. */
	public interface Titled {

		String getTitle();

		default String getShout() {
			return getTitle().toUpperCase();
		}

	}

	/** An open projection. */
	public interface Labelled {

		@Value("#{target.topic + '/' + target.title}")
		String getLabel();

		Integer getPages();

	}

	/** A record DTO. */
	public record Heading(String title, Integer pages) {
	}

	/** A record DTO whose second parameter names no property of {@link Memo}. */
	public record Misnamed(String title, Integer pageCount) {
	}

	/** A closed projection with a getter naming no property of {@link Memo}. */
	public interface Misspelt {

		String getTitel();

	}

	/** A DTO class with a no-argument constructor and setters. */
	public static class Bean {

		private String title;

		private long version;

		public String getTitle() {
			return this.title;
		}

		public void setTitle(String title) {
			this.title = title;
		}

		public long getVersion() {
			return this.version;
		}

		public void setVersion(long version) {
			this.version = version;
		}

	}

}
