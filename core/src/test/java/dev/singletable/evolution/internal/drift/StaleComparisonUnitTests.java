package dev.singletable.evolution.internal.drift;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.singletable.evolution.internal.drift.StaleComparison.Difference;
import dev.singletable.evolution.internal.drift.StaleComparison.RecordMark;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Telling an instance whose definitions are older than the table's record ("another instance migrated") from one
 * whose definitions are newer (a drift its pending migration fixes), without a server.
 */
class StaleComparisonUnitTests {

	private static final String ME = "host:1:aaaaaa";

	private static final String OTHER = "host:2:bbbbbb";

	private static final IndexShape TYPE_INDEX = new IndexShape("gsitype", "gsitypesk", "Ticket", "(updated_at)",
			null, null);

	private static final IndexShape BY_OWNER = new IndexShape("gsi2pk", null, "owner#{owner}", null, null, null);

	private static final IndexShape BY_TEAM = new IndexShape("gsi2pk", null, "team#{team}", null, null, null);

	private static StoredDefinition definition(Map<String, IndexShape> extra) {
		return definition("Ticket", extra, null, false);
	}

	private static StoredDefinition definition(String prefix, Map<String, IndexShape> extra, String ttl,
			boolean compressed) {
		Map<String, IndexShape> indexes = new LinkedHashMap<>();
		indexes.put("gsitype", TYPE_INDEX);
		indexes.putAll(extra);
		return new StoredDefinition(prefix, "com.example.Ticket", true, "Ticket", indexes, compressed, 6, 5, ttl,
				List.of(), List.of(), List.of("owner", "team", "title"));
	}

	@Test
	void aRecordWrittenByAMigrationAboveTheHighestThisInstanceDeclaresIsNewer() {
		RecordMark byMigration2 = new RecordMark(3, "2", OTHER, "2026-11-25T12:00:00Z");

		assertThat(StaleComparison.isNewer(byMigration2, null, null, ME)).as("no migration declared").isTrue();
		assertThat(StaleComparison.isNewer(byMigration2, 3L, "1.5", ME)).as("declares up to 1.5").isTrue();
		assertThat(StaleComparison.isNewer(byMigration2, 3L, "2.0", ME)).as("declares 2.0, the same as 2").isFalse();
		assertThat(StaleComparison.isNewer(byMigration2, 3L, "10", ME)).as("declares 10 > 2").isFalse();
	}

	@Test
	void aRecordWrittenAgainByAnotherInstanceSinceThisOneReadItIsNewer() {
		assertThat(StaleComparison.isNewer(new RecordMark(4, null, OTHER, null), 3L, null, ME)).isTrue();
		assertThat(StaleComparison.isNewer(new RecordMark(3, null, OTHER, null), 3L, null, ME))
			.as("as read at start-up").isFalse();
		assertThat(StaleComparison.isNewer(new RecordMark(4, null, ME, null), 3L, null, ME))
			.as("written by this instance").isFalse();
		assertThat(StaleComparison.isNewer(new RecordMark(4, null, OTHER, null), null, null, ME))
			.as("never read, and no migration mark: cannot tell").isFalse();
	}

	@Test
	void anIndexTheNewerRecordHasAndThisInstanceDoesNotWriteIsADifference() {
		StoredDefinition mine = definition(Map.of());
		StoredDefinition recorded = definition(Map.of("gsi2", BY_OWNER));

		List<Difference> differences = StaleComparison.differences(mine, recorded, Object.class);

		assertThat(differences).extracting(Difference::subject).containsExactly("gsi2");
		assertThat(differences.get(0).description()).contains("index 'gsi2' is recorded", "owner#{owner}",
				"this instance does not write it");
	}

	@Test
	void anIndexWrittenWithOtherKeysThanRecordedIsADifference() {
		List<Difference> differences = StaleComparison.differences(definition(Map.of("gsi2", BY_TEAM)),
				definition(Map.of("gsi2", BY_OWNER)), Object.class);

		assertThat(differences).extracting(Difference::subject).containsExactly("gsi2");
		assertThat(differences.get(0).description()).contains("recorded as gsi2pk = 'owner#{owner}'",
				"this instance writes gsi2pk = 'team#{team}'");
	}

	@Test
	void aNewerInstanceWhoseRecordLacksItsNewIndexSeesNoDifference() {
		// the instance that added gsi2 before its migration ran: a drift, which the migration fixes, not skew
		StoredDefinition mine = definition(Map.of("gsi2", BY_OWNER));
		StoredDefinition recorded = definition(Map.of());

		assertThat(StaleComparison.differences(mine, recorded, Object.class)).isEmpty();
	}

	@Test
	void equalDefinitionsAndInformationOnlyChangesAreNoDifference() {
		StoredDefinition mine = definition(Map.of("gsi2", BY_OWNER));
		StoredDefinition recorded = new StoredDefinition("Ticket", "com.example.Ticket", true, "Ticket",
				Map.of("gsitype", TYPE_INDEX, "gsi2", BY_OWNER), false, 9, 50, null, List.of(), List.of(),
				List.of("owner", "title"));

		assertThat(StaleComparison.differences(mine, mine, Object.class)).isEmpty();
		assertThat(StaleComparison.differences(mine, recorded, Object.class)).isEmpty();
	}

	@Test
	void prefixLayoutCompressionAndTtlDifferencesAreNamed() {
		StoredDefinition mine = definition("Ticket", Map.of(), null, false);
		StoredDefinition recorded = new StoredDefinition("Tkt", "com.example.Ticket", false, "Tkt",
				Map.of("gsitype", TYPE_INDEX), true, 6, 5, "expires_at", List.of(), List.of(),
				List.of("owner", "team", "title"));

		List<Difference> differences = StaleComparison.differences(mine, recorded, Object.class);

		assertThat(differences).extracting(Difference::subject)
			.containsExactlyInAnyOrder("prefix", "layout", "compression", "ttl");
		assertThat(differences).extracting(Difference::description)
			.anySatisfy((text) -> assertThat(text).contains("recorded under prefix 'Tkt'"))
			.anySatisfy((text) -> assertThat(text).contains("recorded plain", "writes it versioned"))
			.anySatisfy((text) -> assertThat(text).contains("TTL attribute is recorded as 'expires_at'"));
	}

	@Test
	void theRecordMarkSaysWhoRecorded() {
		assertThat(new RecordMark(2, "2", OTHER, "2026-11-25T12:00:00Z").describe())
			.isEqualTo("migration 2 (instance host:2:bbbbbb, at 2026-11-25T12:00:00Z)");
		assertThat(new RecordMark(2, null, null, null).describe()).isEqualTo("another instance");
	}

	@Test
	void versionsCompareAsDottedNumbers() {
		assertThat(StaleComparison.compareVersions("2", "2.0")).isZero();
		assertThat(StaleComparison.compareVersions("1.1", "2")).isNegative();
		assertThat(StaleComparison.compareVersions("10", "2")).isPositive();
	}

}
