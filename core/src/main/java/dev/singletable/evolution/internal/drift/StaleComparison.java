package dev.singletable.evolution.internal.drift;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.singletable.evolution.internal.drift.DefinitionChange.Severity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The rule of fleet skew: whether a type's record holds definitions newer than this instance's, and how items this
 * instance writes would then differ from what the newer definitions store.
 * <p>
 * A record is newer than this instance when a migration this instance does not know recorded it (its version is
 * above the highest migration this instance declares: code that declares a migration is newer than code that does
 * not), or when it was written again, by another instance, since this instance read it ({@code generation} went up).
 * Either alone is not enough: the record must also differ from this instance's definitions in a way its writes
 * would store items the old way — an index the record has and this instance does not write, or writes with other
 * keys; another prefix or layout; compression, TTL attribute, blob or filter metadata properties. A record that
 * merely lacks an index this instance writes (a newer version removed it) is no skew: the extra attributes are
 * harmless. An instance whose definitions are newer than the record (a pending migration will bring the items up
 * to date) is never stale: its record is not newer.
 */
public final class StaleComparison {

	/** Every write of a record adds one. */
	static final String GENERATION = "generation";

	/** The instance that last wrote the record. */
	static final String RECORDED_BY = "recorded_by";

	/** The version of the migration whose backfill last recorded the definitions, kept by other writes. */
	static final String RECORDED_BY_MIGRATION = "recorded_by_migration";

	static final String RECORDED_AT = "recorded_at";

	/** The run id of a migration's backfill step, as {@code MigrationRun} names it. */
	private static final Pattern MIGRATION_RUN = Pattern.compile("migration-(.+)-step-\\d+");

	private StaleComparison() {
	}

	/**
	 * The migration a backfill run is a step of, from its run id ({@code migration-<version>-step-<n>}).
	 */
	public static @Nullable String migrationOf(String runId) {
		Matcher matcher = MIGRATION_RUN.matcher(runId);
		return matcher.matches() ? matcher.group(1) : null;
	}

	/**
	 * A new id for this instance's writes of records: {@code <host>:<pid>:<random>}.
	 */
	public static String newInstanceId() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (Exception ex) {
			host = "localhost";
		}
		String suffix = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36), 36);
		return host + ":" + ProcessHandle.current().pid() + ":" + suffix;
	}

	/**
	 * Whether a record is newer than this instance's definitions.
	 * @param mark who wrote the record
	 * @param seenGeneration the generation this instance read (or wrote) last, {@literal null} when it never read
	 * the record (then only a migration mark tells)
	 * @param highestMigration the highest migration version this instance declares, {@literal null} for none
	 * @param instanceId this instance's id
	 */
	public static boolean isNewer(RecordMark mark, @Nullable Long seenGeneration, @Nullable String highestMigration,
			String instanceId) {
		if (mark.migration() != null
				&& (highestMigration == null || compareVersions(highestMigration, mark.migration()) < 0)) {
			return true;
		}
		return seenGeneration != null && mark.generation() > seenGeneration && !instanceId.equals(mark.instance());
	}

	/**
	 * The differences that make items written with this instance's definitions differ from those the record
	 * describes (as the newer instances' drift check would report them), each described from this instance's side.
	 * @param mine this instance's definitions
	 * @param recorded the newer record
	 * @param type the entity type
	 * @return the differences, empty when this instance's writes are as the record says
	 */
	public static List<Difference> differences(StoredDefinition mine, StoredDefinition recorded, Class<?> type) {
		List<Difference> differences = new ArrayList<>();
		if (!mine.prefix().equals(recorded.prefix())) {
			differences.add(new Difference("prefix", "the type is recorded under prefix '" + recorded.prefix()
					+ "', and this instance writes it under '" + mine.prefix() + "'"));
		}
		for (DefinitionChange change : DefinitionComparison.compare(mine, recorded, type)) {
			if (change.severity() == Severity.SILENT || change.severity() == Severity.INFORMATION) {
				continue;
			}
			differences.add(new Difference(change.subject(), describe(change, mine, recorded)));
		}
		return differences;
	}

	private static String describe(DefinitionChange change, StoredDefinition mine, StoredDefinition recorded) {
		String index = change.index();
		if (index != null) {
			IndexShape newer = recorded.indexes().get(index);
			IndexShape own = mine.indexes().get(index);
			if (own == null) {
				return "index '" + index + "' is recorded (" + newer.describeKeys()
						+ "), and this instance does not write it";
			}
			return "index '" + index + "' is recorded as " + newer.describeKeys() + ", and this instance writes "
					+ own.describeKeys();
		}
		return switch (change.aspect()) {
			case TYPE -> "the type is recorded " + layout(recorded.versioned()) + ", and this instance writes it "
					+ layout(mine.versioned());
			case COMPRESSION -> "the type is recorded " + compressed(recorded.compressed())
					+ ", and this instance writes it " + compressed(mine.compressed());
			case TTL -> "the TTL attribute is recorded as " + quoted(recorded.ttlAttribute())
					+ ", and this instance writes " + quoted(mine.ttlAttribute());
			case BLOBS -> "the blob properties are recorded as " + recorded.blobs() + ", and this instance has "
					+ mine.blobs();
			case FILTER_METADATA -> "the @FilterMetadata properties are recorded as " + recorded.filterMetadata()
					+ ", and this instance has " + mine.filterMetadata();
			default -> change.change();
		};
	}

	private static String layout(boolean versioned) {
		return versioned ? "versioned" : "plain";
	}

	private static String compressed(boolean compressed) {
		return compressed ? "compressed" : "uncompressed";
	}

	private static String quoted(@Nullable String value) {
		return (value != null) ? "'" + value + "'" : "none";
	}

	/**
	 * Compares two dotted migration versions as numbers ({@code 1 < 1.1 < 2 < 10}, {@code 2 = 2.0}); parts that are
	 * not numbers compare as text.
	 */
	static int compareVersions(String left, String right) {
		String[] a = left.trim().split("\\.");
		String[] b = right.trim().split("\\.");
		for (int i = 0; i < Math.max(a.length, b.length); i++) {
			String x = (i < a.length) ? a[i] : "0";
			String y = (i < b.length) ? b[i] : "0";
			int compared;
			try {
				compared = new BigInteger(x).compareTo(new BigInteger(y));
			}
			catch (NumberFormatException ex) {
				compared = x.compareTo(y);
			}
			if (compared != 0) {
				return compared;
			}
		}
		return 0;
	}

	/**
	 * One way items written with this instance's definitions would differ from what a newer record describes.
	 * @param subject the index's name, else {@code prefix}, {@code layout}, {@code compression}, {@code ttl},
	 * {@code blobs} or {@code filter-metadata}
	 * @param description the difference in words, from this instance's side
	 */
	public record Difference(String subject, String description) {

	}

	/**
	 * Who wrote a record, as the record carries it (a record written by an older version of the library carries
	 * none of it: generation 0, no instance).
	 * @param generation the number of writes of the record
	 * @param migration the version of the migration whose backfill last recorded the definitions, if any
	 * @param instance the instance that last wrote it, if known
	 * @param recordedAt when it was last written, if known
	 */
	public record RecordMark(long generation, @Nullable String migration, @Nullable String instance,
			@Nullable String recordedAt) {

		/** The mark of no record. */
		public static final RecordMark NONE = new RecordMark(0, null, null, null);

		static RecordMark of(Map<String, AttributeValue> item) {
			AttributeValue generation = item.get(GENERATION);
			return new RecordMark((generation != null && generation.n() != null) ? Long.parseLong(generation.n()) : 0,
					text(item, RECORDED_BY_MIGRATION), text(item, RECORDED_BY), text(item, RECORDED_AT));
		}

		private static @Nullable String text(Map<String, AttributeValue> item, String name) {
			AttributeValue value = item.get(name);
			return (value != null) ? value.s() : null;
		}

		/**
		 * Says who recorded the definitions: {@code "migration 2 (instance host:42:abc123, at 2026-…)"}.
		 */
		public String describe() {
			List<String> details = new ArrayList<>();
			if (this.instance != null) {
				details.add("instance " + this.instance);
			}
			if (this.recordedAt != null) {
				details.add("at " + this.recordedAt);
			}
			String who = (this.migration != null) ? "migration " + this.migration : "another instance";
			return details.isEmpty() ? who : who + " (" + String.join(", ", details) + ")";
		}

	}

}
