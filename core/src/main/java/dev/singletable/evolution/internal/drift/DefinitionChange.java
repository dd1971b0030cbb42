package dev.singletable.evolution.internal.drift;

import org.jspecify.annotations.Nullable;

/**
 * One difference between a type's recorded definitions and its current ones, with what it means for the items
 * stored under the recorded ones.
 *
 * @param aspect the part of the record
 * @param index the index, for a change of one index
 * @param severity what it means when items are stored
 * @param change what changed, in words
 * @param fix what brings the stored items up to date, or {@literal null} when nothing needs to
 */
public record DefinitionChange(StoredDefinition.Aspect aspect, @Nullable String index, Severity severity,
		String change, @Nullable String fix) {

	/**
	 * What the change is about, in a word: the index's name, else {@code prefix}, {@code layout},
	 * {@code compression}, {@code ttl}, {@code blobs}, {@code filter-metadata}, {@code fields}, {@code type}.
	 */
	public String subject() {
		if (this.index != null) {
			return this.index;
		}
		return switch (this.aspect) {
			case PREFIX -> "prefix";
			case TYPE -> (this.severity == Severity.REFUSES_TYPE) ? "layout" : "type";
			case INDEXES -> "indexes";
			case COMPRESSION -> "compression";
			case TTL -> "ttl";
			case BLOBS -> "blobs";
			case FILTER_METADATA -> "filter-metadata";
			case FIELDS -> "fields";
			case INFORMATION -> "information";
		};
	}

	/**
	 * Whether queries of the type are refused while the change stands.
	 */
	public boolean refusesQueries() {
		return this.severity == Severity.REFUSES_INDEX || this.severity == Severity.REFUSES_TYPE;
	}

	/**
	 * What a change means for the items stored under the recorded definitions.
	 */
	public enum Severity {

		/** The index's stored attributes are wrong: queries of that index are refused until a backfill. */
		REFUSES_INDEX,

		/** Every index of the type is wrong (its prefix or layout changed): its index queries are refused. */
		REFUSES_TYPE,

		/** The stored items need a rewrite (compression, TTL, blobs, filter metadata); queries still run. */
		REPORTED,

		/** Worth knowing (fields no longer mapped); nothing is refused. */
		INFORMATION,

		/** No rewrite needed: the record is brought up to date silently. */
		SILENT

	}

}
