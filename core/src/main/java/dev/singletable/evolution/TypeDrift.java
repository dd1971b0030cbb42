package dev.singletable.evolution;

import org.springframework.util.Assert;

import dev.singletable.core.schema.IndexDrift;

/**
 * One way an entity type's current definitions differ from those its stored items were written with, found by
 * {@link SingleTableDefinitions#check()}: what changed, what it means for queries, and the backfill that brings the
 * items up to date.
 *
 * @param type the entity type
 * @param prefix the type's prefix
 * @param subject what changed: the index's name for {@link Kind#INDEX}, else {@code prefix}, {@code layout},
 * {@code compression}, {@code ttl}, {@code blobs}, {@code filter-metadata} or {@code fields}
 * @param kind what it means for queries
 * @param change what changed, in a sentence
 * @param fix the migration step or backfill that brings the stored items up to date
 */
public record TypeDrift(Class<?> type, String prefix, String subject, Kind kind, String change, String fix) {

	/**
	 * Creates a drift.
	 */
	public TypeDrift {
		Assert.notNull(type, "Type must not be null");
		Assert.notNull(kind, "Kind must not be null");
	}

	/**
	 * Whether queries are refused while the drift stands (with {@code IndexDriftAction.REFUSE}).
	 * @return {@literal true} for an index or type drift
	 */
	public boolean refusesQueries() {
		return this.kind == Kind.INDEX || this.kind == Kind.TYPE;
	}

	/**
	 * Returns the drift as the template's queries see it.
	 * @return the index drift
	 * @throws IllegalStateException when the drift refuses no query
	 */
	public IndexDrift toIndexDrift() {
		Assert.state(refusesQueries(), () -> "A drift of " + this.subject + " refuses no query");
		return new IndexDrift(this.type, this.prefix, (this.kind == Kind.INDEX) ? this.subject : null, this.change,
				this.fix);
	}

	/**
	 * Describes the drift in one sentence: type, what changed and the fix.
	 * @return the description
	 */
	public String describe() {
		String what = (this.kind == Kind.INDEX) ? "index '" + this.subject + "'" : this.subject;
		return this.type.getName() + " (prefix '" + this.prefix + "'), " + what + ": " + this.change + ". Fix: "
				+ this.fix;
	}

	/**
	 * What a drift means for queries.
	 */
	public enum Kind {

		/** An index was added or its keys changed: its queries are refused until the type is re-indexed. */
		INDEX,

		/**
		 * The type's prefix (or layout) changed: its type listing and every index query of it are refused until its
		 * items are moved.
		 */
		TYPE,

		/**
		 * The stored items need a rewrite (compression, TTL attribute, blob or filter metadata properties); queries
		 * still run.
		 */
		STORAGE,

		/** Worth knowing (stored fields no longer mapped, perhaps renamed); nothing is refused. */
		INFORMATION

	}

}
