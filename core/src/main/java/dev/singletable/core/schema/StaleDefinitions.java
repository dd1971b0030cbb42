package dev.singletable.core.schema;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * Definitions of an entity type newer than this instance's, recorded in the table by another instance of the fleet
 * (a newer version of the application that migrated, or recorded its definitions): items this instance writes of
 * the type would be stored the old way — without an index the newer version queries, with other keys, another
 * TTL attribute or compression. Found by {@code dev.singletable.evolution.SingleTableDefinitions} at start-up and
 * by its poll of the records every few seconds; a write of the type is then refused with a
 * {@link StaleDefinitionsException} (or logged, as {@code singletable.drift.on-stale-definitions} says).
 *
 * @param type the entity type
 * @param prefix the type's prefix on this instance
 * @param subjects what differs: each index's name, else {@code prefix}, {@code layout}, {@code compression},
 * {@code ttl}, {@code blobs} or {@code filter-metadata}
 * @param change how this instance's writes differ from the newer definitions, in a sentence
 * @param recordedByMigration the version of the migration whose backfill recorded the newer definitions, if one did
 * @param recordedBy the instance that recorded them, if known
 * @param recordedAt when they were recorded, if known
 * @param writesRefused whether this instance refuses the type's writes ({@code refuse}) or only logs them
 * ({@code warn})
 */
public record StaleDefinitions(Class<?> type, String prefix, List<String> subjects, String change,
		@Nullable String recordedByMigration, @Nullable String recordedBy, @Nullable Instant recordedAt,
		boolean writesRefused) {

	/**
	 * Creates stale definitions.
	 */
	public StaleDefinitions {
		Assert.notNull(type, "Type must not be null");
		Assert.hasText(prefix, "Prefix must not be empty");
		Assert.notEmpty(subjects, "Subjects must not be empty");
		Assert.hasText(change, "Change must not be empty");
		subjects = List.copyOf(subjects);
	}

	/**
	 * Says who recorded the newer definitions: {@code "migration 2 (instance host:4242:x1y2z3, at 2026-…)"}.
	 * @return the description
	 */
	public String describeRecorder() {
		StringBuilder who = new StringBuilder((this.recordedByMigration != null)
				? "migration " + this.recordedByMigration : "another instance");
		if (this.recordedBy != null || this.recordedAt != null) {
			who.append(" (");
			if (this.recordedBy != null) {
				who.append("instance ").append(this.recordedBy);
			}
			if (this.recordedAt != null) {
				who.append((this.recordedBy != null) ? ", at " : "at ").append(this.recordedAt);
			}
			who.append(")");
		}
		return who.toString();
	}

	/**
	 * Returns what ends it: this instance running the newer version.
	 * @return the fix
	 */
	public String fix() {
		return "deploy the newer version of the application on this instance (roll the fleet forward"
				+ ((this.recordedByMigration != null) ? " to the version that declares migration "
						+ this.recordedByMigration : "")
				+ "); an instance still running these definitions stores items the old way";
	}

	/**
	 * Describes them in one sentence: type, who recorded the newer definitions, what differs and the fix.
	 * @return the description
	 */
	public String describe() {
		return "the definitions of " + this.type.getName() + " (prefix '" + this.prefix
				+ "') on this instance are older than those " + describeRecorder() + " recorded in the table: "
				+ this.change + ". Fix: " + fix();
	}

}
