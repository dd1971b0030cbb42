package dev.singletable.core.crosslang;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.crosslang.JavaTwins.Color;
import dev.singletable.core.crosslang.JavaTwins.CrossFlagged;
import dev.singletable.core.crosslang.JavaTwins.CrossKeyed;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.evolution.BackfillOptions;
import dev.singletable.evolution.BackfillResult;
import dev.singletable.evolution.SingleTableBackfills;
import dev.singletable.test.DynamoDbLocalExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a re-index writes, Python reads and queries: items written before their types had index keys are re-indexed
 * from the Java twins' definitions (an enum by its value, an integer by {@code str()}, a boolean as {@code True}),
 * then {@code simplesingletable} 16.5 finds each of them by the new indexes and reads it whole; items Python itself
 * wrote with those keys are found already right and not written. Skipped with a reason when Python or the library is
 * missing (see {@link PythonLibrary}).
 */
class CrossLanguageBackfillIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension(SharedTable.TABLE);

	@RegisterExtension
	static PythonLibrary python = new PythonLibrary(SharedTable.TABLE);

	private final SharedTable table = new SharedTable(dynamo);

	/** {@code CrossKeyed} before it had index keys. */
	@SingleTableEntity(prefix = "CrossKeyed")
	record KeyedBefore(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt, String title,
			Color color, int prio) {

	}

	/** {@code CrossFlagged} before it had an index key. */
	@SingleTableEntity(prefix = "CrossFlagged")
	record FlaggedBefore(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt,
			String title, boolean active) {

	}

	@Test
	void pythonQueriesByTheNewIndexesWhatTheReindexWrote() {
		SingleTableTemplate before = this.table.template();
		List<KeyedBefore> keyed = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			keyed.add(before.create(new KeyedBefore(null, null, null, "k" + i, Color.values()[i % 3], i % 4)));
		}
		FlaggedBefore on = before.create(new FlaggedBefore(null, null, null, "on", true));
		FlaggedBefore off = before.create(new FlaggedBefore(null, null, null, "off", false));
		String pythonKeyed = python.create("CrossKeyed", Map.of("title", "py", "color", "green", "prio", 2)).id();
		assertThat(python.query("CrossKeyed", "gsi2", "gsi2pk", "prio#2")).extracting(PythonResource::id)
			.containsExactly(pythonKeyed);

		SingleTableBackfills backfills = new SingleTableBackfills(this.table.template());
		BackfillResult keyedRun = backfills.reindex(CrossKeyed.class, BackfillOptions.defaults().withSegments(2));
		BackfillResult flaggedRun = backfills.reindex(CrossFlagged.class, BackfillOptions.defaults());

		assertThat(keyedRun.itemsWritten()).isEqualTo(12);
		assertThat(keyedRun.itemsUnchanged()).isEqualTo(1);
		assertThat(flaggedRun.itemsWritten()).isEqualTo(2);
		for (int prio = 0; prio < 4; prio++) {
			int wanted = prio;
			List<String> expected = new ArrayList<>(keyed.stream().filter((k) -> k.prio() == wanted).map(KeyedBefore::id).toList());
			if (prio == 2) {
				expected.add(pythonKeyed);
			}
			assertThat(python.query("CrossKeyed", "gsi2", "gsi2pk", "prio#" + prio)).extracting(PythonResource::id)
				.containsExactlyInAnyOrderElementsOf(expected);
		}
		assertThat(python.query("CrossKeyed", "gsi1", "gsi1pk", "color#blue")).extracting(PythonResource::id)
			.containsExactlyInAnyOrderElementsOf(
					keyed.stream().filter((k) -> k.color() == Color.BLUE).map(KeyedBefore::id).toList());
		assertThat(python.query("CrossFlagged", "gsi1", "gsi1pk", "flag#True")).extracting(PythonResource::id)
			.containsExactly(on.id());
		assertThat(python.query("CrossFlagged", "gsi1", "gsi1pk", "flag#False")).extracting(PythonResource::id)
			.containsExactly(off.id());
		KeyedBefore first = keyed.get(0);
		PythonResource read = python.get("CrossKeyed", first.id());
		assertThat(read.fields().get("title").asString()).isEqualTo(first.title());
		assertThat(read.fields().get("prio").asInt()).isEqualTo(first.prio());
	}

}
