package dev.singletable.core.crosslang;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.crosslang.JavaTwins.Color;
import dev.singletable.core.crosslang.JavaTwins.CrossCapped;
import dev.singletable.core.crosslang.JavaTwins.CrossDoc;
import dev.singletable.core.crosslang.JavaTwins.CrossEvent;
import dev.singletable.core.crosslang.JavaTwins.CrossKeyed;
import dev.singletable.core.crosslang.JavaTwins.CrossMonthly;
import dev.singletable.core.crosslang.JavaTwins.CrossNote;
import dev.singletable.core.crosslang.JavaTwins.CrossSeq;
import dev.singletable.core.crosslang.JavaTwins.CrossStamp;
import dev.singletable.test.BackgroundCleanups;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static dev.singletable.core.crosslang.CrossLanguageIntegrationTests.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Items 1-8 of issue 12, each shown on a table shared with the real Python {@code simplesingletable} 16.5.0: what
 * a Python service writes or reads there must survive what singletable does. Skipped with a reason when Python or
 * the library is missing (see {@link PythonLibrary}).
 */
class CrossLanguagePythonWritesSurviveIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension(SharedTable.TABLE);

	@RegisterExtension
	static PythonLibrary python = new PythonLibrary(SharedTable.TABLE);

	private final SharedTable table = new SharedTable(dynamo);

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.template = this.table.template();
	}

	// ---- 1. version retention is exact --------------------------------------------------------------------

	@Test
	void javaUpdateTrimsTheLongerHistoryPythonTransactionsLeftToExactlyTheNewestVersions() {
		String id = python.create("CrossCapped", map("title", "1")).id();
		List<Map<String, ?>> updates = new ArrayList<>();
		for (int version = 2; version <= 7; version++) {
			updates.add(map("title", String.valueOf(version)));
		}
		PythonResource seven = python.transactionUpdates("CrossCapped", id, updates);
		String pk = "CrossCapped#" + id;
		assertThat(seven.version()).isEqualTo(7);
		// memory.transaction() never prunes: the stored history is longer than the limit of 3
		assertThat(this.table.sortKeys(pk)).hasSize(8);

		this.template.update(this.template.getById(CrossCapped.class, id).withTitle("8"));
		// the prune, which finds the longer history, runs after the answer
		BackgroundCleanups.await();

		assertThat(this.table.sortKeys(pk)).containsExactlyInAnyOrder("v0", "v6", "v7", "v8");
		assertThat(python.versions("CrossCapped", id)).extracting(PythonResource::version).containsExactly(8L, 7L, 6L);
		assertThat(this.template.findAllVersions(CrossCapped.class, id)).extracting(CrossCapped::version)
			.containsExactly(8L, 7L, 6L);
	}

	// ---- 2. @CreatedDate is never lost ----------------------------------------------------------------------

	@Test
	void javaVersionedUpdateWithoutCreationTimeKeepsTheCreationTimePythonWrote() {
		PythonResource created = python.create("CrossDoc", map("title", "python"));
		CrossDoc latest = this.template.getById(CrossDoc.class, created.id());

		// a PUT body bound to the entity: no creation time
		this.template.update(new CrossDoc(created.id(), latest.version(), null, latest.updatedAt(), "java", null, null,
				null, 0, List.of()));

		PythonResource read = python.get("CrossDoc", created.id());
		assertThat(read.text("title")).isEqualTo("java");
		assertThat(read.iso("created_at")).isEqualTo(created.iso("created_at"));
		assertThat(this.template.getById(CrossDoc.class, created.id()).createdAt())
			.isEqualTo(created.dateTime("created_at").toInstant());
	}

	@Test
	void javaPlainSaveWithoutCreationTimeKeepsTheCreationTimePythonWrote() {
		PythonResource created = python.create("CrossEvent", map("title", "python"));
		CrossEvent latest = this.template.getById(CrossEvent.class, created.id());

		this.template.save(new CrossEvent(created.id(), null, latest.updatedAt(), "java"));

		PythonResource read = python.get("CrossEvent", created.id());
		assertThat(read.text("title")).isEqualTo("java");
		assertThat(read.iso("created_at")).isEqualTo(created.iso("created_at"));
		assertThat(this.table.item("CrossEvent#" + created.id(), "CrossEvent#" + created.id()).get("created_at").s())
			.isEqualTo(created.iso("created_at"));
	}

	// ---- 3. @Transient is honoured ----------------------------------------------------------------------------

	@Test
	void aJavaTransientPropertyIsNotStoredSoPythonCanReadTheItem() {
		CrossNote created = this.template.create(new CrossNote(null, null, null, "note", "scratch value"));

		Map<String, AttributeValue> item = this.table.item("CrossNote#" + created.id(), "CrossNote#" + created.id());
		assertThat(item).doesNotContainKey("scratch");
		// Python models forbid extra fields: a stored transient property makes the item unreadable there
		assertThat(python.get("CrossNote", created.id()).text("title")).isEqualTo("note");
	}

	// ---- 4. ids containing '#' --------------------------------------------------------------------------------

	@Test
	void anIdWithAHashPythonChoseWorksForEveryJavaOperation() {
		python.createWithId("CrossEvent", "team#42", map("title", "python"));
		python.create("CrossEvent", map("title", "other"));
		assertThat(this.table.item("CrossEvent#team#42", "CrossEvent#team#42")).isNotEmpty();

		assertThat(this.template.findById(CrossEvent.class, "team#42")).map(CrossEvent::title).contains("python");
		assertThat(this.template.query(CrossEvent.class).all()).extracting(CrossEvent::id).contains("team#42")
			.hasSize(2);

		this.template.update(this.template.getById(CrossEvent.class, "team#42").withTitle("java"));
		assertThat(python.get("CrossEvent", "team#42").text("title")).isEqualTo("java");

		assertThat(this.template.deleteById(CrossEvent.class, "team#42")).isTrue();
		assertThat(python.get("CrossEvent", "team#42")).isNull();
	}

	// ---- 6. compressed plain items with a custom type sort key -----------------------------------------------

	@Test
	void javaUpdatesAndDeletesAPythonCompressedPlainItemSortedByMonth() {
		String id = python.create("CrossMonthly", map("month", "202501", "note", "python")).id();
		String pk = "CrossMonthly#" + id;
		Map<String, AttributeValue> written = this.table.item(pk, pk);
		assertThat(written.get("gsitypesk").s()).isEqualTo("202501");
		assertThat(written).doesNotContainKey("updated_at");

		CrossMonthly read = this.template.getById(CrossMonthly.class, id);
		assertThat(read.month()).isEqualTo("202501");
		assertThat(this.template.query(CrossMonthly.class).sortBetween("202501", "202512").all())
			.extracting(CrossMonthly::id).containsExactly(id);

		this.template.update(read.withNote("java"));

		assertThat(python.get("CrossMonthly", id).text("note")).isEqualTo("java");
		assertThat(this.table.item(pk, pk).get("gsitypesk").s()).isEqualTo("202501");
		assertThat(this.template.deleteById(CrossMonthly.class, id)).isTrue();
		assertThat(python.get("CrossMonthly", id)).isNull();
	}

	// ---- 7. index keys render the value as it is stored ------------------------------------------------------

	@Test
	void javaWritesEnumAndNumberPartitionKeysAsPythonRendersThem() {
		CrossKeyed created = this.template.create(new CrossKeyed(null, null, null, "k", Color.GREEN, 2));

		Map<String, AttributeValue> item = this.table.item("CrossKeyed#" + created.id(), "CrossKeyed#" + created.id());
		assertThat(item.get("gsi1pk").s()).isEqualTo("color#green");
		assertThat(item.get("gsi2pk").s()).isEqualTo("prio#2");
		assertThat(python.query("CrossKeyed", "gsi1", "gsi1pk", "color#green")).extracting(PythonResource::id)
			.containsExactly(created.id());
		assertThat(python.query("CrossKeyed", "gsi2", "gsi2pk", "prio#2")).extracting(PythonResource::id)
			.containsExactly(created.id());
	}

	@Test
	void javaKeepsThePartitionKeysPythonWroteAndFindsThemThroughTheSameRendering() {
		String id = python.create("CrossKeyed", map("title", "k", "color", "green", "prio", 2)).id();
		String pk = "CrossKeyed#" + id;
		Map<String, AttributeValue> written = this.table.item(pk, pk);

		CrossKeyed read = this.template.getById(CrossKeyed.class, id);
		this.template.update(read.withTitle("k2"));

		Map<String, AttributeValue> updated = this.table.item(pk, pk);
		assertThat(updated.get("gsi1pk")).isEqualTo(written.get("gsi1pk"));
		assertThat(updated.get("gsi2pk")).isEqualTo(written.get("gsi2pk"));
		assertThat(this.template.query(CrossKeyed.class).index("gsi1").partition("color#green").all())
			.extracting(CrossKeyed::id).containsExactly(id);
		assertThat(python.query("CrossKeyed", "gsi2", "gsi2pk", "prio#2")).extracting(PythonResource::id)
			.containsExactly(id);
	}

	@Test
	void aSortTemplateCanNameThePaddedNumberFormPythonWrites() {
		String fromPython = python.create("CrossSeq", map("title", "s", "n", 7)).id();
		CrossSeq fromJava = this.template.create(new CrossSeq(null, null, null, "s", 12));

		Map<String, AttributeValue> item = this.table.item("CrossSeq#" + fromJava.id(), "CrossSeq#" + fromJava.id());
		assertThat(item.get("gsi3pk").s()).isEqualTo("seq#s");
		assertThat(item.get("gsi3sk").s()).isEqualTo("00012");
		assertThat(python.query("CrossSeq", "gsi3", "gsi3pk", "seq#s", "gsi3sk", "00005", "00020"))
			.extracting(PythonResource::id).containsExactly(fromPython, fromJava.id());
		assertThat(this.template.query(CrossSeq.class).index("gsi3").partition("seq#s").sortBetween("00005", "00010").all())
			.extracting(CrossSeq::id).containsExactly(fromPython);

		this.template.update(this.template.getById(CrossSeq.class, fromPython).withN(8));
		assertThat(this.table.item("CrossSeq#" + fromPython, "CrossSeq#" + fromPython).get("gsi3sk").s())
			.isEqualTo("00008");
	}

	// ---- 8. datetimes stored as Python's isoformat() writes them ---------------------------------------------

	@Test
	void javaStoresDatetimesExactlyAsPythonIsoformatWritesThem() {
		CrossStamp fraction = this.template.create(new CrossStamp(null, null, null, "fraction",
				Instant.parse("2025-01-02T03:04:05.600Z"), LocalDateTime.parse("2025-01-02T03:04:05.600")));
		CrossStamp whole = this.template.create(new CrossStamp(null, null, null, "whole",
				Instant.parse("2025-01-02T03:04:05Z"), LocalDateTime.parse("2025-01-02T03:04:05")));

		Map<String, AttributeValue> fractionItem = this.table.item("CrossStamp#" + fraction.id(),
				"CrossStamp#" + fraction.id());
		assertThat(fractionItem.get("at").s()).isEqualTo("2025-01-02T03:04:05.600000+00:00");
		assertThat(fractionItem.get("local").s()).isEqualTo("2025-01-02T03:04:05.600000");
		Map<String, AttributeValue> wholeItem = this.table.item("CrossStamp#" + whole.id(), "CrossStamp#" + whole.id());
		assertThat(wholeItem.get("at").s()).isEqualTo("2025-01-02T03:04:05+00:00");
		assertThat(wholeItem.get("local").s()).isEqualTo("2025-01-02T03:04:05");

		for (Map<String, AttributeValue> item : List.of(fractionItem, wholeItem)) {
			PythonResource read = python.get("CrossStamp", item.get("resource_id").s());
			// what Python's isoformat() writes for the value it read is exactly what is stored
			for (String field : List.of("at", "local", "created_at", "updated_at")) {
				assertThat(read.iso(field)).as(field).isEqualTo(item.get(field).s());
			}
			assertThat(item.get("gsitypesk")).isEqualTo(item.get("updated_at"));
		}
	}

	@Test
	void javaRewritesPythonDatetimesUnchanged() {
		PythonResource created = python.create("CrossStamp", map("label", "python", "at",
				"2025-01-02T03:04:05+00:00", "local", "2025-01-02T03:04:05.600000"));
		String pk = "CrossStamp#" + created.id();
		Map<String, AttributeValue> written = this.table.item(pk, pk);
		assertThat(written.get("at").s()).isEqualTo("2025-01-02T03:04:05+00:00");

		CrossStamp read = this.template.getById(CrossStamp.class, created.id());
		assertThat(read.at()).isEqualTo(Instant.parse("2025-01-02T03:04:05Z"));
		assertThat(read.local()).isEqualTo(LocalDateTime.parse("2025-01-02T03:04:05.600"));
		this.template.update(new CrossStamp(read.id(), read.createdAt(), read.updatedAt(), "java", read.at(),
				read.local()));

		Map<String, AttributeValue> rewritten = this.table.item(pk, pk);
		assertThat(rewritten.get("at")).isEqualTo(written.get("at"));
		assertThat(rewritten.get("local")).isEqualTo(written.get("local"));
		assertThat(rewritten.get("created_at")).isEqualTo(written.get("created_at"));
		assertThat(python.get("CrossStamp", created.id()).iso("updated_at"))
			.isEqualTo(rewritten.get("updated_at").s());
	}

}
