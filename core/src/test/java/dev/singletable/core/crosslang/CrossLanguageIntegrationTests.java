package dev.singletable.core.crosslang;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.VersionConflictException;
import dev.singletable.core.crosslang.JavaTwins.Address;
import dev.singletable.core.crosslang.JavaTwins.Color;
import dev.singletable.core.crosslang.JavaTwins.CrossAllTypes;
import dev.singletable.core.crosslang.JavaTwins.CrossAllTypesPacked;
import dev.singletable.core.crosslang.JavaTwins.CrossCapped;
import dev.singletable.core.crosslang.JavaTwins.CrossDoc;
import dev.singletable.core.crosslang.JavaTwins.CrossLedger;
import dev.singletable.core.crosslang.JavaTwins.Doc;
import dev.singletable.core.crosslang.PythonLibrary.PythonException;
import dev.singletable.core.mapping.MappingDefaults;
import dev.singletable.test.BackgroundCleanups;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The real Python {@code simplesingletable} 16.5.0 and singletable share one DynamoDB Local table: each writes
 * what the other reads, updates, lists and deletes. Skipped with a reason when Python or the library is missing
 * (see {@link PythonLibrary}).
 */
class CrossLanguageIntegrationTests {

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

	@Test
	void theTablePythonCreatesIsTheTableJavaExpects() {
		assertThat(dynamo.schema().findProblems(dynamo.rawClient())).isEmpty();
	}

	// ---- versioned round trips: Python v1-v3, Java v4, Python v5 ---------------------------------------

	@Test
	void versionedCompressedRoundTrip() {
		roundTrip("CrossDoc", CrossDoc.class, CrossDoc::withTitle);
		String id = this.template.query(CrossDoc.class).all().get(0).id();
		assertThat(this.table.item("CrossDoc#" + id, "v5")).containsOnlyKeys("pk", "sk", "version", "data");
	}

	@Test
	void versionedUncompressedRoundTrip() {
		roundTrip("CrossLedger", CrossLedger.class, CrossLedger::withTitle);
		String id = this.template.query(CrossLedger.class).all().get(0).id();
		Map<String, AttributeValue> v4 = this.table.item("CrossLedger#" + id, "v4");
		assertThat(v4).doesNotContainKey("data");
		assertThat(v4.get("title").s()).isEqualTo("t4");
		assertThat(v4.get("count").n()).isEqualTo("2");
	}

	private <T extends Doc> void roundTrip(String type, Class<T> javaType, BiFunction<T, String, T> withTitle) {
		PythonResource v1 = python.create(type, map("title", "t1", "body", "b1", "owner", "ann", "count", 1, "tags",
				List.of("a")));
		String id = v1.id();
		python.update(type, id, map("title", "t2", "count", 2));
		PythonResource v3 = python.update(type, id, map("title", "t3", "tags", List.of("a", "b")));
		assertThat(v3.version()).isEqualTo(3);

		T latest = this.template.getById(javaType, id);
		assertThat(latest.version()).isEqualTo(3L);
		assertThat(latest.title()).isEqualTo("t3");
		assertThat(latest.body()).isEqualTo("b1");
		assertThat(latest.count()).isEqualTo(2);
		assertThat(latest.tags()).containsExactly("a", "b");
		assertThat(latest.createdAt()).isEqualTo(v1.dateTime("created_at").toInstant());
		assertThat(latest.updatedAt()).isEqualTo(v3.dateTime("updated_at").toInstant());
		assertThat(this.template.findAllVersions(javaType, id)).extracting(Doc::version, Doc::title)
			.containsExactly(tuple(3L, "t3"), tuple(2L, "t2"), tuple(1L, "t1"));

		T v4 = this.template.update(withTitle.apply(latest, "t4"));
		assertThat(v4.version()).isEqualTo(4L);

		PythonResource read = python.get(type, id);
		assertThat(read.version()).isEqualTo(4);
		assertThat(read.text("title")).isEqualTo("t4");
		assertThat(read.number("count")).isEqualTo(2);
		assertThat(read.strings("tags")).containsExactly("a", "b");
		assertThat(read.iso("created_at")).isEqualTo(v1.iso("created_at"));
		assertThat(read.dateTime("updated_at").toInstant()).isEqualTo(v4.updatedAt());
		assertThat(python.versions(type, id)).extracting(PythonResource::version, (r) -> r.text("title"))
			.containsExactly(tuple(4L, "t4"), tuple(3L, "t3"), tuple(2L, "t2"), tuple(1L, "t1"));
		assertThat(python.getVersion(type, id, 2).text("title")).isEqualTo("t2");

		python.update(type, id, map("title", "t5"));

		T v5 = this.template.getById(javaType, id);
		assertThat(v5.version()).isEqualTo(5L);
		assertThat(v5.title()).isEqualTo("t5");
		assertThat(v5.count()).isEqualTo(2);
		assertThat(v5.createdAt()).isEqualTo(v1.dateTime("created_at").toInstant());
		assertThat(this.template.findAllVersions(javaType, id)).extracting(Doc::version, Doc::title)
			.containsExactly(tuple(5L, "t5"), tuple(4L, "t4"), tuple(3L, "t3"), tuple(2L, "t2"), tuple(1L, "t1"));
		assertThat(this.template.findVersion(javaType, id, 4)).map(Doc::title).contains("t4");
		assertThat(this.table.sortKeys(type + "#" + id)).containsExactlyInAnyOrder("v0", "v1", "v2", "v3", "v4",
				"v5");
	}

	// ---- plain items with every field type --------------------------------------------------------------

	@Test
	void javaReadsEveryFieldTypePythonWroteUncompressed() {
		PythonResource written = python.create("CrossAllTypes", allTypes(false));

		CrossAllTypes read = this.template.getById(CrossAllTypes.class, written.id());

		// DynamoDB stores numbers without trailing zeros: Decimal("12.50") comes back as 12.5 on both sides
		assertThat(read).usingRecursiveComparison()
			.withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
			.isEqualTo(new CrossAllTypes(written.id(), written.dateTime("created_at").toInstant(),
					written.dateTime("updated_at").toInstant(), "Ann", 42, 0.1, new BigDecimal("12.50"), true, null,
					List.of("x", "y"), Map.of("a", 1L, "b", 2L), Set.of("admin", "user"),
					Instant.parse("2025-01-02T03:04:05.123456Z"), Color.GREEN, address()));
		Map<String, AttributeValue> item = this.table.item("CrossAllTypes#" + written.id(),
				"CrossAllTypes#" + written.id());
		assertThat(new BigDecimal(item.get("price").n())).isEqualByComparingTo("12.50");
		assertThat(item.get("labels").ss()).containsExactlyInAnyOrder("admin", "user");
		assertThat(item.get("color").s()).isEqualTo("green");
		assertThat(item.get("nothing").nul()).isTrue();
	}

	@Test
	void javaReadsEveryFieldTypePythonWroteCompressed() {
		PythonResource written = python.create("CrossAllTypesPacked", allTypes(true));

		CrossAllTypesPacked read = this.template.getById(CrossAllTypesPacked.class, written.id());

		assertThat(read).usingRecursiveComparison()
			.withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
			.isEqualTo(new CrossAllTypesPacked(written.id(), written.dateTime("created_at").toInstant(),
					written.dateTime("updated_at").toInstant(), "Ann", 42, 0.1, new BigDecimal("12.50"), true, null,
					List.of("x", "y"), Map.of("a", 1L, "b", 2L), Set.of("admin", "user"),
					Instant.parse("2025-01-02T03:04:05.123456Z"), LocalDate.of(2025, 1, 31), Color.GREEN, address()));
	}

	@Test
	void pythonReadsEveryFieldTypeJavaWroteUncompressed() {
		CrossAllTypes created = this.template.create(new CrossAllTypes(null, null, null, "Ann", 42, 0.1,
				new BigDecimal("12.50"), true, null, List.of("x", "y"), Map.of("a", 1L, "b", 2L),
				Set.of("admin", "user"), Instant.parse("2025-01-02T03:04:05.123456Z"), Color.GREEN, address()));

		PythonResource read = python.get("CrossAllTypes", created.id());

		assertEveryFieldType(read, false);
		assertThat(read.dateTime("created_at").toInstant()).isEqualTo(created.createdAt());
	}

	@Test
	void pythonReadsEveryFieldTypeJavaWroteCompressed() {
		CrossAllTypesPacked created = this.template.create(new CrossAllTypesPacked(null, null, null, "Ann", 42, 0.1,
				new BigDecimal("12.50"), true, null, List.of("x", "y"), Map.of("a", 1L, "b", 2L),
				Set.of("admin", "user"), Instant.parse("2025-01-02T03:04:05.123456Z"), LocalDate.of(2025, 1, 31),
				Color.GREEN, address()));

		PythonResource read = python.get("CrossAllTypesPacked", created.id());

		assertEveryFieldType(read, true);
	}

	@ParameterizedTest(name = "gzip level {0}")
	@ValueSource(ints = { 1, 9 })
	void pythonReadsWhatJavaCompressedAtEitherEndOfTheLevels(int level) {
		SingleTableTemplate leveled = this.table.template(new MappingDefaults(null, null, level));
		CrossAllTypesPacked created = leveled.create(new CrossAllTypesPacked(null, null, null, "Ann", 42, 0.1,
				new BigDecimal("12.50"), true, null, List.of("x", "y"), Map.of("a", 1L, "b", 2L),
				Set.of("admin", "user"), Instant.parse("2025-01-02T03:04:05.123456Z"), LocalDate.of(2025, 1, 31),
				Color.GREEN, address()));

		PythonResource read = python.get("CrossAllTypesPacked", created.id());

		assertEveryFieldType(read, true);
	}

	@Test
	void javaUpdatesOfPythonItemsWithEveryFieldTypeReadBackInPython() {
		String flat = python.create("CrossAllTypes", allTypes(false)).id();
		String packed = python.create("CrossAllTypesPacked", allTypes(true)).id();

		this.template.update(this.template.getById(CrossAllTypes.class, flat).withName("Bob"));
		this.template.update(this.template.getById(CrossAllTypesPacked.class, packed).withName("Bob"));

		PythonResource flatRead = python.get("CrossAllTypes", flat);
		assertThat(flatRead.text("name")).isEqualTo("Bob");
		assertEveryFieldTypeButName(flatRead, false);
		PythonResource packedRead = python.get("CrossAllTypesPacked", packed);
		assertThat(packedRead.text("name")).isEqualTo("Bob");
		assertEveryFieldTypeButName(packedRead, true);
	}

	private static Map<String, Object> allTypes(boolean withDay) {
		Map<String, Object> data = map("name", "Ann", "count", 42, "ratio", 0.1, "price", "12.50", "flag", true,
				"nothing", null, "items", List.of("x", "y"), "meta", map("a", 1, "b", 2), "labels",
				List.of("admin", "user"), "moment", "2025-01-02T03:04:05.123456+00:00");
		data.put("color", "green");
		data.put("address", map("street", "1 Main St", "city", "Springfield", "zip_code", "12345"));
		if (withDay) {
			data.put("day", "2025-01-31");
		}
		return data;
	}

	private static Address address() {
		return new Address("1 Main St", "Springfield", "12345");
	}

	private static void assertEveryFieldType(PythonResource read, boolean withDay) {
		assertThat(read.text("name")).isEqualTo("Ann");
		assertEveryFieldTypeButName(read, withDay);
	}

	private static void assertEveryFieldTypeButName(PythonResource read, boolean withDay) {
		assertThat(read.type("name")).isEqualTo("str");
		assertThat(read.type("count")).isEqualTo("int");
		assertThat(read.number("count")).isEqualTo(42);
		assertThat(read.type("ratio")).isEqualTo("float");
		assertThat(read.field("ratio").asDouble()).isEqualTo(0.1);
		assertThat(read.type("price")).isEqualTo("Decimal");
		assertThat(read.decimal("price")).isEqualByComparingTo("12.50");
		assertThat(read.type("flag")).isEqualTo("bool");
		assertThat(read.field("flag").asBoolean()).isTrue();
		assertThat(read.type("nothing")).isEqualTo("NoneType");
		assertThat(read.type("items")).isEqualTo("list");
		assertThat(read.strings("items")).containsExactly("x", "y");
		assertThat(read.type("meta")).isEqualTo("dict");
		assertThat(read.field("meta").get("a").asLong()).isEqualTo(1);
		assertThat(read.field("meta").get("b").asLong()).isEqualTo(2);
		assertThat(read.type("labels")).isEqualTo("set");
		assertThat(read.strings("labels")).containsExactly("admin", "user");
		assertThat(read.type("moment")).isEqualTo("datetime");
		assertThat(read.iso("moment")).isEqualTo("2025-01-02T03:04:05.123456+00:00");
		assertThat(read.type("color")).isEqualTo("Color");
		assertThat(read.text("color")).isEqualTo("green");
		assertThat(read.type("address")).isEqualTo("Address");
		JsonNode address = read.field("address");
		assertThat(address.get("street").asString()).isEqualTo("1 Main St");
		assertThat(address.get("city").asString()).isEqualTo("Springfield");
		assertThat(address.get("zip_code").asString()).isEqualTo("12345");
		if (withDay) {
			assertThat(read.type("day")).isEqualTo("date");
			assertThat(read.text("day")).isEqualTo("2025-01-31");
		}
	}

	// ---- listings and ordering --------------------------------------------------------------------------

	@Test
	void typeAndSecondaryIndexListingsAgreeAndFollowUpdatesFromBothSides() {
		String d1 = python.create("CrossDoc", map("title", "d1", "owner", "ann", "rank", "b")).id();
		String d2 = this.template.create(new CrossDoc(null, null, null, null, "d2", null, "ann", "a", 0, List.of()))
			.id();
		String d3 = python.create("CrossDoc", map("title", "d3", "owner", "bob")).id();
		String d4 = this.template.create(new CrossDoc(null, null, null, null, "d4", null, "ann", "c", 0, List.of()))
			.id();

		assertListings(List.of(d4, d3, d2, d1));
		// gsi1 sorts on pk (ULIDs), gsi3 on rank
		List<String> annByPk = new ArrayList<>(List.of(d1, d2, d4));
		annByPk.sort(Comparator.naturalOrder());
		assertThat(ids(python.query("CrossDoc", "gsi1", "gsi1pk", "owner#ann"))).containsExactlyElementsOf(annByPk);
		assertThat(this.template.query(CrossDoc.class).index("gsi1").partition("owner#ann").all())
			.extracting(CrossDoc::id)
			.containsExactlyElementsOf(annByPk);
		assertThat(ids(python.query("CrossDoc", "gsi3", "gsi3pk", "board#ann"))).containsExactly(d2, d1, d4);
		assertThat(this.template.query(CrossDoc.class).index("gsi3").partition("board#ann").all())
			.extracting(CrossDoc::id)
			.containsExactly(d2, d1, d4);
		assertThat(ids(python.query("CrossDoc", "gsi3", "gsi3pk", "board#ann", "gsi3sk", "b", "c")))
			.containsExactly(d1, d4);
		assertThat(this.template.query(CrossDoc.class)
			.index("gsi3")
			.partition("board#ann")
			.sortBetween("b", "c")
			.all()).extracting(CrossDoc::id).containsExactly(d1, d4);

		python.update("CrossDoc", d1, map("title", "d1 again"));
		this.template.update(this.template.getById(CrossDoc.class, d3).withTitle("d3 again"));

		assertListings(List.of(d3, d1, d4, d2));
	}

	private void assertListings(List<String> newestFirst) {
		assertThat(ids(python.listByUpdatedAt("CrossDoc"))).containsExactlyElementsOf(newestFirst);
		assertThat(this.template.query(CrossDoc.class).descending().all()).extracting(CrossDoc::id)
			.containsExactlyElementsOf(newestFirst);
		List<String> oldestFirst = new ArrayList<>(newestFirst);
		Collections.reverse(oldestFirst);
		assertThat(this.template.query(CrossDoc.class).all()).extracting(CrossDoc::id)
			.containsExactlyElementsOf(oldestFirst);
	}

	private static List<String> ids(List<PythonResource> resources) {
		return resources.stream().map(PythonResource::id).toList();
	}

	// ---- max versions with mixed writers ------------------------------------------------------------------

	@Test
	void bothWritersKeepExactlyTheNewestThreeVersions() {
		String id = python.create("CrossCapped", map("title", "1")).id();
		String pk = "CrossCapped#" + id;
		for (long version = 2; version <= 8; version++) {
			if (version % 2 == 0) {
				python.update("CrossCapped", id, map("title", String.valueOf(version)));
			}
			else {
				CrossCapped latest = this.template.getById(CrossCapped.class, id);
				this.template.update(latest.withTitle(String.valueOf(version)));
				// Java's prune runs after the answer (until it ran, Python's reads see one version more)
				BackgroundCleanups.await();
			}
			List<String> expected = new ArrayList<>(List.of("v0"));
			List<Long> newest = new ArrayList<>();
			for (long kept = version; kept >= Math.max(1, version - 2); kept--) {
				expected.add("v" + kept);
				newest.add(kept);
			}
			assertThat(this.table.sortKeys(pk)).as("after version %d", version)
				.containsExactlyInAnyOrderElementsOf(expected);
			assertThat(python.versions("CrossCapped", id)).extracting(PythonResource::version)
				.containsExactlyElementsOf(newest);
			assertThat(this.template.findAllVersions(CrossCapped.class, id)).extracting(CrossCapped::version)
				.containsExactlyElementsOf(newest);
			assertThat(this.template.getById(CrossCapped.class, id).title()).isEqualTo(String.valueOf(version));
		}
	}

	// ---- optimistic conflicts -----------------------------------------------------------------------------

	@Test
	void javaUpdateBasedOnAVersionPythonReplacedIsRejected() {
		String id = python.create("CrossDoc", map("title", "first")).id();
		CrossDoc stale = this.template.getById(CrossDoc.class, id);
		python.update("CrossDoc", id, map("title", "python"));

		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> this.template.update(stale.withTitle("java")));

		assertThat(python.get("CrossDoc", id).text("title")).isEqualTo("python");
		assertThat(this.table.sortKeys("CrossDoc#" + id)).containsExactlyInAnyOrder("v0", "v1", "v2");
	}

	@Test
	void pythonUpdateBasedOnAVersionJavaReplacedIsRejected() {
		String id = python.create("CrossDoc", map("title", "first")).id();
		python.hold("CrossDoc", id, "stale");
		this.template.update(this.template.getById(CrossDoc.class, id).withTitle("java"));

		assertThatExceptionOfType(PythonException.class)
			.isThrownBy(() -> python.updateHeld("CrossDoc", "stale", map("title", "python")))
			.withMessageContaining("Cannot update from non-latest version");

		CrossDoc latest = this.template.getById(CrossDoc.class, id);
		assertThat(latest.version()).isEqualTo(2L);
		assertThat(latest.title()).isEqualTo("java");
		assertThat(this.table.sortKeys("CrossDoc#" + id)).containsExactlyInAnyOrder("v0", "v1", "v2");
	}

	@Test
	void javaUpdateOfAPlainItemPythonChangedSinceTheReadIsRejected() {
		String id = python.create("CrossAllTypes", allTypes(false)).id();
		CrossAllTypes stale = this.template.getById(CrossAllTypes.class, id);
		python.update("CrossAllTypes", id, map("name", "python"));

		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> this.template.update(stale.withName("java")));

		assertThat(python.get("CrossAllTypes", id).text("name")).isEqualTo("python");
	}

	// ---- deletes --------------------------------------------------------------------------------------------

	@Test
	void pythonDeletesEveryVersionJavaWrote() {
		CrossDoc created = this.template.create(new CrossDoc(null, null, null, null, "t", null, "ann", "a", 0,
				List.of()));
		this.template.update(created.withTitle("t2"));

		python.deleteAllVersions("CrossDoc", created.id());

		assertThat(this.template.findById(CrossDoc.class, created.id())).isEmpty();
		assertThat(this.template.findAllVersions(CrossDoc.class, created.id())).isEmpty();
		assertThat(this.template.query(CrossDoc.class).all()).isEmpty();
		assertThat(this.template.query(CrossDoc.class).index("gsi1").partition("owner#ann").all()).isEmpty();
		assertThat(this.table.sortKeys("CrossDoc#" + created.id())).isEmpty();
	}

	@Test
	void pythonDeletingTheLatestVersionHidesTheResourceFromJava() {
		CrossDoc created = this.template.create(new CrossDoc(null, null, null, null, "t", null, null, null, 0,
				List.of()));
		this.template.update(created.withTitle("t2"));

		python.delete("CrossDoc", created.id());

		assertThat(this.template.findById(CrossDoc.class, created.id())).isEmpty();
		assertThat(this.template.query(CrossDoc.class).all()).isEmpty();
		// the library deletes only the latest version and v0: the older history stays, as in Python
		assertThat(this.table.sortKeys("CrossDoc#" + created.id())).containsExactly("v1");
	}

	@Test
	void pythonDeletesAPlainItemJavaWrote() {
		CrossAllTypes created = this.template.create(new CrossAllTypes(null, null, null, "Ann", 1, 0.5,
				BigDecimal.ONE, false, null, List.of(), Map.of(), Set.of("x"), Instant.parse("2025-01-01T00:00:00Z"),
				Color.RED, address()));

		python.delete("CrossAllTypes", created.id());

		assertThat(this.template.findById(CrossAllTypes.class, created.id())).isEmpty();
		assertThat(this.template.query(CrossAllTypes.class).all()).isEmpty();
	}

	@Test
	void javaDeletesEveryVersionPythonWrote() {
		String id = python.create("CrossDoc", map("title", "t1")).id();
		python.update("CrossDoc", id, map("title", "t2"));
		python.update("CrossDoc", id, map("title", "t3"));

		assertThat(this.template.deleteById(CrossDoc.class, id)).isTrue();

		assertThat(python.get("CrossDoc", id)).isNull();
		assertThat(python.versions("CrossDoc", id)).isEmpty();
		assertThat(python.listByUpdatedAt("CrossDoc")).isEmpty();
	}

	@Test
	void javaDeletesAPlainItemPythonWrote() {
		String id = python.create("CrossAllTypes", allTypes(false)).id();
		String other = python.create("CrossAllTypes", allTypes(false)).id();

		assertThat(this.template.deleteById(CrossAllTypes.class, id)).isTrue();

		assertThat(python.get("CrossAllTypes", id)).isNull();
		assertThat(ids(python.listByUpdatedAt("CrossAllTypes"))).containsExactly(other);
	}

	// ---- helpers ------------------------------------------------------------------------------------------

	/** A mutable map from key-value pairs; values may be null (Python None). */
	static Map<String, Object> map(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	private static org.assertj.core.groups.Tuple tuple(Object... values) {
		return org.assertj.core.groups.Tuple.tuple(values);
	}

}
