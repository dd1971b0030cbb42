package dev.singletable.core.crosslang;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.VersionSummary;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.convert.StorageJsonMapper;
import dev.singletable.core.crosslang.JavaTwins.Address;
import dev.singletable.core.crosslang.JavaTwins.Color;
import dev.singletable.core.crosslang.JavaTwins.CrossAllTypes;
import dev.singletable.core.crosslang.JavaTwins.CrossDoc;
import dev.singletable.core.crosslang.JavaTwins.CrossKeyed;
import dev.singletable.core.crosslang.JavaTwins.CrossLedger;
import dev.singletable.core.crosslang.JavaTwins.CrossNote;
import dev.singletable.core.crosslang.JavaTwins.Doc;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real Python {@code simplesingletable} 16.5.0 reads, lists and queries what the {@link ReactiveSingleTableTemplate}
 * wrote on the async client — versioned resources up to version 3 and their history, a plain type created, updated
 * and upserted, a GSI query, batch puts, atomic updates, a deleted version, per-type counts — and the reactive
 * template reads what Python wrote on top. Skipped with a reason when Python or the library is missing (see
 * {@link PythonLibrary}), as every cross-language test.
 */
class CrossLanguageReactiveIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension(SharedTable.TABLE);

	@RegisterExtension
	static PythonLibrary python = new PythonLibrary(SharedTable.TABLE);

	private static DynamoDbAsyncClient client;

	private final SharedTable table = new SharedTable(dynamo);

	private ReactiveSingleTableTemplate reactive;

	@BeforeAll
	static void startClient() {
		client = DynamoDbLocal.newAsyncClient();
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	@BeforeEach
	void setUp() {
		// the storage mapper of the shared table: Python's field names (snake case)
		this.reactive = new ReactiveSingleTableTemplate(client, dynamo.tableName(), new MappingSingleTableConverter(
				new SingleTableMappingContext(),
				StorageJsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build()));
	}

	@Test
	void pythonReadsAVersionedCompressedResourceTheReactiveTemplateWroteAndItsHistory() {
		versionedRoundTrip("CrossDoc", CrossDoc.class,
				new CrossDoc(null, null, null, null, "t1", "b1", "rx-doc", "r1", 1, List.of("a")), CrossDoc::withTitle);
	}

	@Test
	void pythonReadsAVersionedUncompressedResourceTheReactiveTemplateWroteAndItsHistory() {
		versionedRoundTrip("CrossLedger", CrossLedger.class,
				new CrossLedger(null, null, null, null, "t1", "b1", "rx-ledger", "r1", 1, List.of("a")),
				CrossLedger::withTitle);
	}

	private <T extends Doc> void versionedRoundTrip(String type, Class<T> javaType, T first,
			BiFunction<T, String, T> withTitle) {
		T v1 = this.reactive.create(first).block();
		T v2 = this.reactive.update(withTitle.apply(v1, "t2")).block();
		T v3 = this.reactive.update(withTitle.apply(v2, "t3")).block();
		String id = v1.id();
		String owner = (v1 instanceof CrossDoc doc) ? doc.owner() : ((CrossLedger) v1).owner();

		PythonResource read = python.get(type, id);
		assertThat(read.version()).isEqualTo(3);
		assertThat(read.text("title")).isEqualTo("t3");
		assertThat(read.text("body")).isEqualTo("b1");
		assertThat(read.number("count")).isEqualTo(1);
		assertThat(read.strings("tags")).containsExactly("a");
		assertThat(read.dateTime("created_at").toInstant()).isEqualTo(v1.createdAt());
		assertThat(read.dateTime("updated_at").toInstant()).isEqualTo(v3.updatedAt());
		assertThat(python.versions(type, id)).extracting(PythonResource::version, (r) -> r.text("title"))
			.containsExactly(tuple(3L, "t3"), tuple(2L, "t2"), tuple(1L, "t1"));
		assertThat(python.getVersion(type, id, 1).text("title")).isEqualTo("t1");
		assertThat(python.getVersion(type, id, 2).dateTime("updated_at").toInstant()).isEqualTo(v2.updatedAt());
		// the reactive template's index attributes: Python's GSI query and type listing find the latest copy
		assertThat(python.query(type, "gsi1", "gsi1pk", "owner#" + owner)).extracting(PythonResource::id,
				PythonResource::version).containsExactly(tuple(id, 3L));
		assertThat(python.query(type, "gsi3", "gsi3pk", "board#" + owner)).extracting(PythonResource::id)
			.containsExactly(id);
		assertThat(python.listByUpdatedAt(type)).extracting(PythonResource::id).contains(id);

		// the reactive summaries and a deleted version, as Python sees them
		assertThat(this.reactive.findVersionSummaries(javaType, id).collectList().block())
			.extracting(VersionSummary::version)
			.containsExactly(3L, 2L, 1L);
		assertThat(this.reactive.deleteVersion(javaType, id, 2).block()).isTrue();
		assertThat(python.versions(type, id)).extracting(PythonResource::version).containsExactly(3L, 1L);

		// Python writes version 4 on top; the reactive template reads it and writes version 5, which Python reads
		python.update(type, id, map("title", "t4"));
		T v4 = this.reactive.getById(javaType, id).block();
		assertThat(v4.version()).isEqualTo(4L);
		assertThat(v4.title()).isEqualTo("t4");
		assertThat(v4.createdAt()).isEqualTo(v1.createdAt());
		this.reactive.update(withTitle.apply(v4, "t5")).block();
		assertThat(python.get(type, id).version()).isEqualTo(5);
		assertThat(python.versions(type, id)).extracting(PythonResource::version, (r) -> r.text("title"))
			.containsExactly(tuple(5L, "t5"), tuple(4L, "t4"), tuple(3L, "t3"), tuple(1L, "t1"));
	}

	@Test
	void pythonReadsAndQueriesAPlainTypeTheReactiveTemplateCreatedUpdatedAndUpserted() {
		CrossKeyed created = this.reactive.create(new CrossKeyed(null, null, null, "k1", Color.RED, 7)).block();
		CrossKeyed updated = this.reactive.update(created.withTitle("k1 again")).block();
		// the upsert save of an entity with an assigned id and no modification time: created, then replaced
		CrossKeyed upserted = this.reactive.save(new CrossKeyed("rx-fixed", null, null, "fixed", Color.BLUE, 7))
			.block();
		CrossKeyed replaced = this.reactive.save(new CrossKeyed("rx-fixed", null, null, "fixed 2", Color.BLUE, 8))
			.block();

		PythonResource read = python.get("CrossKeyed", created.id());
		assertThat(read.text("title")).isEqualTo("k1 again");
		assertThat(read.text("color")).isEqualTo("red");
		assertThat(read.number("prio")).isEqualTo(7);
		assertThat(read.dateTime("created_at").toInstant()).isEqualTo(created.createdAt());
		assertThat(read.dateTime("updated_at").toInstant()).isEqualTo(updated.updatedAt());
		PythonResource fixed = python.get("CrossKeyed", "rx-fixed");
		assertThat(fixed.text("title")).isEqualTo("fixed 2");
		assertThat(fixed.number("prio")).isEqualTo(8);
		assertThat(fixed.dateTime("created_at").toInstant()).isEqualTo(upserted.createdAt())
			.isEqualTo(replaced.createdAt());
		assertThat(python.query("CrossKeyed", "gsi1", "gsi1pk", "color#red")).extracting(PythonResource::id)
			.containsExactly(created.id());
		assertThat(python.query("CrossKeyed", "gsi2", "gsi2pk", "prio#7")).extracting(PythonResource::id)
			.containsExactly(created.id());
		assertThat(python.query("CrossKeyed", "gsi2", "gsi2pk", "prio#8")).extracting(PythonResource::id)
			.containsExactly("rx-fixed");
		assertThat(python.listByUpdatedAt("CrossKeyed")).extracting(PythonResource::id)
			.containsExactly("rx-fixed", created.id());
	}

	@Test
	void pythonReadsBatchPutsAndAtomicUpdatesOfTheReactiveTemplate() {
		List<CrossNote> notes = this.reactive
			.putAll(List.of(new CrossNote(null, null, null, "n1", null), new CrossNote("rx-note", null, null, "n2", null)))
			.collectList()
			.block();
		CrossAllTypes all = this.reactive.create(new CrossAllTypes(null, null, null, "Ann", 1, 0.5, BigDecimal.ONE,
				false, null, List.of("x"), Map.of("a", 1L), Set.of("admin"), Instant.parse("2025-01-01T00:00:00Z"),
				Color.RED, new Address("1 Main St", "Springfield", "12345"))).block();

		assertThat(this.reactive.increment(CrossAllTypes.class, all.id(), "count", 41).block()).isEqualTo(42);
		assertThat(this.reactive.increment(CrossAllTypes.class, all.id(), "meta.b", 2).block()).isEqualTo(2);
		this.reactive.addToSet(CrossAllTypes.class, all.id(), "labels", "user").block();
		this.reactive.removeFromSet(CrossAllTypes.class, all.id(), "labels", "admin").block();
		this.reactive.appendToList(CrossAllTypes.class, all.id(), "items", "y", "z").block();

		assertThat(notes).extracting(CrossNote::title).containsExactly("n1", "n2");
		assertThat(python.get("CrossNote", notes.get(0).id()).text("title")).isEqualTo("n1");
		assertThat(python.get("CrossNote", "rx-note").dateTime("created_at").toInstant())
			.isEqualTo(notes.get(1).createdAt());
		PythonResource read = python.get("CrossAllTypes", all.id());
		assertThat(read.number("count")).isEqualTo(42);
		assertThat(read.field("meta").path("a").asLong()).isEqualTo(1);
		assertThat(read.field("meta").path("b").asLong()).isEqualTo(2);
		assertThat(read.strings("labels")).containsExactly("user");
		assertThat(read.strings("items")).containsExactly("x", "y", "z");
		assertThat(read.dateTime("updated_at").toInstant()).isAfter(all.updatedAt());
		assertThat(this.reactive.findAllById(CrossNote.class, List.of("rx-note", notes.get(0).id()))
			.map(CrossNote::title)
			.collectList()
			.block()).containsExactly("n2", "n1");
	}

	@Test
	void theReactiveTemplateKeepsTheCountsPythonAndTheBlockingTemplateRead() {
		this.reactive.setTrackCounts(true);
		SingleTableTemplate blocking = this.table.template();
		blocking.setTrackCounts(true);
		python.create("CrossNote", map("title", "python note"));
		CrossNote reactiveOne = this.reactive.create(new CrossNote(null, null, null, "reactive 1", null)).block();
		this.reactive.create(new CrossNote(null, null, null, "reactive 2", null)).block();
		blocking.create(new CrossNote(null, null, null, "blocking", null));
		assertThat(this.reactive.deleteById(CrossNote.class, reactiveOne.id()).block()).isTrue();

		JsonNode pythons = python.call("stats", Map.of());
		assertThat(pythons.path("CrossNote").asLong()).isEqualTo(3);
		assertThat(this.reactive.countsByType().block()).containsEntry("CrossNote", 3L);
		assertThat(blocking.countsByType()).containsEntry("CrossNote", 3L);
	}

	static Map<String, Object> map(Object... keysAndValues) {
		return CrossLanguageIntegrationTests.map(keysAndValues);
	}

	private static org.assertj.core.groups.Tuple tuple(Object... values) {
		return org.assertj.core.groups.Tuple.tuple(values);
	}

}
