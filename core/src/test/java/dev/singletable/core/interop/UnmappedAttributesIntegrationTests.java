package dev.singletable.core.interop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.Changes;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.convert.StorageJsonMapper;
import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.InvalidEntityDefinitionException;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableEntity.Compression;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.UnmappedAttributes;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Items shaped exactly as Python {@code simplesingletable} writes them (reference sections 2.3-2.8) carry fields
 * and attributes the Java type does not map: a field a newer model added ({@code added_later}) with nested, number,
 * set, binary and null values, the filter {@code metadata} of a versioned {@code v0}, the blob bookkeeping
 * {@code _blob_fields}/{@code _blob_versions} and the index attribute of a Python {@code gsi_config}. A type with an
 * {@link UnmappedAttributes @UnmappedAttributes} property reads them and writes them back unchanged when Java
 * updates the resource; a type without one drops them, as the README says.
 */
class UnmappedAttributesIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private static final String ID = "01JGGVSAG0B8BG00000000000K";

	private static final String CREATED = "2025-01-01T12:00:00.123456+00:00";

	private static final String UPDATED = "2025-01-02T08:30:15.123456+00:00";

	/** A number with more digits than a double holds (DynamoDB keeps up to 38). */
	private static final String PRECISE = "0.1234567890123456789012345678901234567";

	/** The JSON pydantic writes for the same instants ({@code Z}, not {@code +00:00}). */
	private static final String CREATED_JSON = "2025-01-01T12:00:00.123456Z";

	private static final String UPDATED_JSON = "2025-01-02T08:30:15.123456Z";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final StoredItems storedItems = new StoredItems(dynamo);

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		JsonMapper snakeCase = StorageJsonMapper.builder()
			.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
			.build();
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName(),
				new MappingSingleTableConverter(new SingleTableMappingContext(), snakeCase));
	}

	// ---- plain, uncompressed ------------------------------------------------------------------------

	@Test
	void plainUncompressedKeepsEveryUnmappedAttributeWithItsTypeThroughAnUpdate() {
		String pk = "KeepPlain#" + ID;
		Map<String, AttributeValue> python = pythonPlainItem("KeepPlain");
		put(python);

		KeepPlain read = this.template.getById(KeepPlain.class, ID);
		assertThat(read.title()).isEqualTo("from python");
		assertThat(plain(read.other())).isEqualTo(plain(extraValues()));
		assertThat(read.other()).containsEntry("added_later", "keep me").containsEntry("nothing", null);
		assertThat(read.other().get("labels")).isEqualTo(Set.of("blue", "red"));
		assertThat(read.other().get("scores")).isInstanceOf(Set.class);
		assertThat(read.other().get("raw")).isEqualTo(new byte[] { 1, 2, 3 });
		assertThat(read.other().values()).noneMatch(AttributeValue.class::isInstance);

		KeepPlain updated = this.template.update(read.withTitle("from java"));

		Map<String, AttributeValue> stored = stored(pk, pk);
		assertThat(stored.get("title")).isEqualTo(AttributeValue.fromS("from java"));
		assertThat(stored).containsAllEntriesOf(extraFields());
		assertThat(stored.get("priority")).isEqualTo(AttributeValue.fromN("2"));
		assertThat(stored.get("created_at")).isEqualTo(AttributeValue.fromS(CREATED));
		assertThat(stored.get("gsitypesk").s()).isNotEqualTo(UPDATED).isEqualTo(stored.get("updated_at").s());
		assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(python.keySet());
		assertThat(this.template.getById(KeepPlain.class, ID)).usingRecursiveComparison().isEqualTo(updated);
	}

	@Test
	@SuppressWarnings("unchecked")
	void plainUncompressedWritesEntriesJavaAddsAndLeavesOutThoseItRemoves() {
		String pk = "KeepPlain#" + ID;
		put(pythonPlainItem("KeepPlain"));
		KeepPlain read = this.template.getById(KeepPlain.class, ID);

		read.other().remove("count");
		read.other().put("added_by_java", java.util.Set.of("x"));
		read.other().put("note", Map.of("n", 1));
		read.other().put("ratio", new BigDecimal("0.5"));
		read.other().put("numbers", new LinkedHashSet<>(List.of(3, new BigDecimal("4.5"))));
		read.other().put("bytes", new byte[] { 9 });
		read.other().put("empty", null);
		((Collection<Object>) read.other().get("labels")).add("green");
		this.template.update(read, Changes.set("title", "changed"));

		Map<String, AttributeValue> stored = stored(pk, pk);
		assertThat(stored).doesNotContainKey("count")
			.containsEntry("added_by_java", AttributeValue.fromSs(List.of("x")))
			.containsEntry("note", AttributeValue.fromM(Map.of("n", AttributeValue.fromN("1"))))
			.containsEntry("added_later", AttributeValue.fromS("keep me"))
			.containsEntry("title", AttributeValue.fromS("changed"))
			.containsEntry("ratio", AttributeValue.fromN("0.5"))
			.containsEntry("numbers", AttributeValue.fromNs(List.of("3", "4.5")))
			.containsEntry("bytes", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] { 9 })))
			.containsEntry("empty", AttributeValue.fromNul(true))
			.containsEntry("precise", AttributeValue.fromN(PRECISE))
			.containsEntry("nested", extraFields().get("nested"))
			.containsEntry("scores", AttributeValue.fromNs(List.of("1", "2.5")));
		assertThat(stored.get("labels").ss()).containsExactlyInAnyOrder("blue", "red", "green");
	}

	@Test
	void aCreatedEntityStoresItsEntriesAndReadsBackAnEmptyMapWhenItHasNone() {
		Map<String, Object> entries = new LinkedHashMap<>();
		entries.put("flag", AttributeValue.fromBool(true));
		entries.put("plain", 7);
		KeepPlain withEntries = this.template.create(new KeepPlain(null, null, null, "a", 1, entries));
		KeepTask without = this.template.create(new KeepTask(null, null, null, null, "b", 1, null));

		String pk = "KeepPlain#" + withEntries.id();
		assertThat(stored(pk, pk)).containsEntry("flag", AttributeValue.fromBool(true))
			.containsEntry("plain", AttributeValue.fromN("7"));
		Map<String, Object> readBack = this.template.getById(KeepPlain.class, withEntries.id()).other();
		assertThat(readBack.keySet()).containsExactly("flag", "plain");
		assertThat(readBack).containsEntry("flag", true);
		assertThat(plain(readBack.get("plain"))).isEqualTo(plain(7));
		assertThat(stored("KeepTask#" + without.id(), "v1")).containsOnlyKeys("pk", "sk", "version", "data");
		assertThat(DynamoDbJson.data(stored("KeepTask#" + without.id(), "v1")).propertyNames())
			.containsExactlyInAnyOrder("resource_id", "version", "created_at", "updated_at", "title", "priority");
		assertThat(this.template.getById(KeepTask.class, without.id()).other()).isEmpty();
	}

	@Test
	void theTypesOwnIndexAndTtlAttributesAreWrittenAfreshNeverCopiedBackStale() {
		String pk = "KeepIndexed#" + ID;
		Map<String, AttributeValue> python = pythonPlainItem("KeepIndexed");
		python.put("note", AttributeValue.fromS("remind"));
		python.put("expires_at", AttributeValue.fromS("2030-01-01T00:00:00+00:00"));
		python.put("gsi2pk", AttributeValue.fromS("title#from python"));
		python.put("gsi3pk", AttributeValue.fromS("note#remind"));
		python.put("gsi3sk", AttributeValue.fromS("from python"));
		python.put("ttl", AttributeValue.fromN("1893456000"));
		put(python);

		KeepIndexed read = this.template.getById(KeepIndexed.class, ID);
		assertThat(read.other()).doesNotContainKeys("gsi2pk", "gsi3pk", "gsi3sk", "ttl", "pk", "sk", "gsitype",
				"gsitypesk", "note", "expires_at", "title").containsKeys("gsi1pk", "added_later");
		this.template.update(new KeepIndexed(read.id(), read.createdAt(), read.updatedAt(), "from java", null, null,
				read.other()));

		Map<String, AttributeValue> stored = stored(pk, pk);
		assertThat(stored).containsEntry("gsi2pk", AttributeValue.fromS("title#from java"))
			.doesNotContainKeys("gsi3pk", "gsi3sk", "ttl")
			.containsEntry("gsi1pk", AttributeValue.fromS("legacy#owner"))
			.containsEntry("added_later", AttributeValue.fromS("keep me"));
	}

	// ---- plain, compressed --------------------------------------------------------------------------

	@Test
	void plainCompressedKeepsUnmappedJsonFieldsAndTopLevelAttributesThroughAnUpdate() {
		String pk = "KeepPlainZip#" + ID;
		Map<String, AttributeValue> python = pythonPlainCompressedItem("KeepPlainZip");
		put(python);

		KeepPlainZip read = this.template.getById(KeepPlainZip.class, ID);
		assertThat(read.title()).isEqualTo("from python");
		assertThat(read.other()).containsEntry("added_later", "keep me")
			.containsEntry("_blob_fields", List.of("attachment"))
			.containsEntry("gsi1pk", "legacy#owner");
		assertThat(plain(read.other().get("count"))).isEqualTo(plain(42));
		assertThat(read.other()).containsOnlyKeys("added_later", "nested", "count", "ratio", "labels", "nothing",
				"_blob_fields", "gsi1pk");

		this.template.update(read.withTitle("from java"));

		Map<String, AttributeValue> stored = stored(pk, pk);
		assertThat(stored).containsEntry("_blob_fields", blobFields())
			.containsEntry("gsi1pk", AttributeValue.fromS("legacy#owner"));
		assertThat(stored.keySet()).containsExactlyInAnyOrder("pk", "sk", "gsitype", "gsitypesk", "data",
				"_blob_fields", "gsi1pk", "updated_at");
		JsonNode data = DynamoDbJson.data(stored);
		assertThat(data.get("title").stringValue()).isEqualTo("from java");
		assertKeptJsonFields(data, pythonJson(null));
	}

	@Test
	void compressedEntriesGoBackWhereTheyCameFromAlsoWhenChanged() {
		String pk = "KeepPlainZip#" + ID;
		put(pythonPlainCompressedItem("KeepPlainZip"));
		KeepPlainZip read = this.template.getById(KeepPlainZip.class, ID);

		read.other().put("_blob_fields", List.of("attachment", "photo"));
		read.other().put("added_later", "changed");
		read.other().put("brand_new", Set.of("x"));
		read.other().put("as_attribute", AttributeValue.fromN(PRECISE));
		this.template.update(read.withTitle("from java"));

		Map<String, AttributeValue> stored = stored(pk, pk);
		assertThat(stored).containsEntry("_blob_fields",
				AttributeValue.fromL(List.of(AttributeValue.fromS("attachment"), AttributeValue.fromS("photo"))))
			.containsEntry("gsi1pk", AttributeValue.fromS("legacy#owner"))
			.containsEntry("as_attribute", AttributeValue.fromN(PRECISE))
			.doesNotContainKeys("added_later", "brand_new");
		JsonNode data = DynamoDbJson.data(stored);
		assertThat(data.get("added_later").stringValue()).isEqualTo("changed");
		assertThat(data.get("brand_new").get(0).stringValue()).isEqualTo("x");
		assertThat(data.has("_blob_fields")).isFalse();
		assertThat(plain(this.template.getById(KeepPlainZip.class, ID).other().get("as_attribute")))
			.isEqualTo(plain(new BigDecimal(PRECISE)));
	}

	// ---- versioned, uncompressed ----------------------------------------------------------------------

	@Test
	void versionedUncompressedKeepsUnmappedAttributesOnV0AndTheNewVersionAndMetadataOnV0Only() {
		String pk = "KeepDoc#" + ID;
		Map<String, AttributeValue> v1 = pythonVersionedItem("KeepDoc", "v1", null);
		Map<String, AttributeValue> v0 = pythonVersionedItem("KeepDoc", "v0", null);
		put(v1);
		put(v0);

		KeepDoc read = this.template.getById(KeepDoc.class, ID);
		assertThat(read.version()).isEqualTo(1L);
		assertThat(plain(read.other().get("metadata"))).isEqualTo(plain(Map.of("status", "todo", "rank", 3)));
		assertThat(plain(read.other().get("_blob_versions"))).isEqualTo(plain(Map.of("attachment", 1)));
		assertThat(read.other()).containsEntry("added_later", "keep me");

		KeepDoc updated = this.template.update(read.withTitle("from java"));

		assertThat(updated.version()).isEqualTo(2L);
		Map<String, AttributeValue> latest = stored(pk, "v0");
		Map<String, AttributeValue> second = stored(pk, "v2");
		Map<String, AttributeValue> kept = new LinkedHashMap<>(extraFields());
		kept.remove("gsi1pk");
		for (Map<String, AttributeValue> item : List.of(latest, second)) {
			assertThat(item).containsAllEntriesOf(kept)
				.containsEntry("_blob_versions", blobVersions())
				.containsEntry("version", AttributeValue.fromN("2"))
				.containsEntry("title", AttributeValue.fromS("from java"));
		}
		assertThat(latest).containsEntry("metadata", metadata()).containsEntry("gsi1pk", AttributeValue.fromS("legacy#owner"));
		assertThat(latest.keySet()).containsExactlyInAnyOrderElementsOf(v0.keySet());
		assertThat(second).doesNotContainKeys("metadata", "gsi1pk", "gsitype", "gsitypesk");
		assertThat(second.keySet()).containsExactlyInAnyOrderElementsOf(v1.keySet());
		assertThat(stored(pk, "v1")).isEqualTo(v1);
		assertThat(this.template.findVersion(KeepDoc.class, ID, 2).orElseThrow().other())
			.containsEntry("added_later", "keep me")
			.doesNotContainKey("metadata");
	}

	// ---- versioned, compressed ------------------------------------------------------------------------

	@Test
	void versionedCompressedKeepsUnmappedJsonFieldsAndTopLevelAttributesAndMetadataOnV0Only() {
		String pk = "KeepTask#" + ID;
		Map<String, AttributeValue> v1 = pythonVersionedItem("KeepTask", "v1", pythonJson(1L));
		Map<String, AttributeValue> v0 = pythonVersionedItem("KeepTask", "v0", pythonJson(1L));
		put(v1);
		put(v0);

		KeepTask read = this.template.getById(KeepTask.class, ID);
		assertThat(read.other()).containsEntry("added_later", "keep me")
			.containsEntry("_blob_fields", List.of("attachment"));
		assertThat(plain(read.other().get("metadata"))).isEqualTo(plain(Map.of("status", "todo", "rank", 3)));
		assertThat(plain(read.other().get("_blob_versions"))).isEqualTo(plain(Map.of("attachment", 1)));

		this.template.update(read.withTitle("from java"));

		Map<String, AttributeValue> latest = stored(pk, "v0");
		Map<String, AttributeValue> second = stored(pk, "v2");
		assertThat(latest.keySet()).containsExactlyInAnyOrder("pk", "sk", "version", "data", "gsitype", "gsitypesk",
				"gsi1pk", "metadata", "_blob_fields", "_blob_versions");
		assertThat(latest).containsEntry("metadata", metadata())
			.containsEntry("gsi1pk", AttributeValue.fromS("legacy#owner"))
			.containsEntry("_blob_fields", blobFields())
			.containsEntry("_blob_versions", blobVersions());
		assertThat(second.keySet()).containsExactlyInAnyOrder("pk", "sk", "version", "data", "_blob_fields",
				"_blob_versions");
		assertThat(second).containsEntry("_blob_fields", blobFields()).containsEntry("_blob_versions", blobVersions());
		for (Map<String, AttributeValue> item : List.of(latest, second)) {
			JsonNode data = DynamoDbJson.data(item);
			assertThat(data.get("title").stringValue()).isEqualTo("from java");
			assertThat(data.get("version").longValue()).isEqualTo(2);
			assertKeptJsonFields(data, pythonJson(1L));
		}
		assertThat(stored(pk, "v1")).isEqualTo(v1);
	}

	@Test
	void restoringAVersionKeepsTheAttributesOnV0OnlyAsLastWritten() {
		String pk = "KeepTask#" + ID;
		put(pythonVersionedItem("KeepTask", "v1", pythonJson(1L)));
		put(pythonVersionedItem("KeepTask", "v0", pythonJson(1L)));
		this.template.update(this.template.getById(KeepTask.class, ID).withTitle("from java"));

		KeepTask restored = this.template.restoreVersion(KeepTask.class, ID, 2);

		assertThat(restored.version()).isEqualTo(3);
		assertThat(restored.title()).isEqualTo("from java");
		// the history item has neither metadata nor the Python index attribute: the restore keeps those of v0
		Map<String, AttributeValue> latest = stored(pk, "v0");
		assertThat(latest).containsEntry("metadata", metadata())
			.containsEntry("gsi1pk", AttributeValue.fromS("legacy#owner"))
			.containsEntry("_blob_fields", blobFields())
			.containsEntry("_blob_versions", blobVersions());
		assertThat(stored(pk, "v3").keySet()).containsExactlyInAnyOrder("pk", "sk", "version", "data", "_blob_fields",
				"_blob_versions");
		assertKeptJsonFields(DynamoDbJson.data(latest), pythonJson(1L));
	}

	// ---- without the opt-in ---------------------------------------------------------------------------

	@Test
	void withoutUnmappedAttributesAnUpdateDropsWhatTheTypeDoesNotMap() {
		// the layout attributes (metadata, _blob_fields, _blob_versions) are dropped only when allowed (issue 23)
		this.template.setAllowDroppingBlobsAndMetadata(true);
		String plainPk = "DropPlain#" + ID;
		put(pythonPlainItem("DropPlain"));
		String taskPk = "DropTask#" + ID;
		put(pythonVersionedItem("DropTask", "v1", pythonJson(1L)));
		put(pythonVersionedItem("DropTask", "v0", pythonJson(1L)));

		this.template.update(this.template.getById(DropPlain.class, ID).withTitle("from java"));
		this.template.update(this.template.getById(DropTask.class, ID).withTitle("from java"));

		Map<String, AttributeValue> plain = stored(plainPk, plainPk);
		assertThat(plain.keySet()).containsExactlyInAnyOrder("pk", "sk", "gsitype", "gsitypesk", "resource_id",
				"created_at", "updated_at", "title", "priority");
		Map<String, AttributeValue> latest = stored(taskPk, "v0");
		assertThat(latest.keySet()).containsExactlyInAnyOrder("pk", "sk", "version", "data", "gsitype", "gsitypesk");
		assertThat(DynamoDbJson.data(latest).propertyNames()).containsExactlyInAnyOrder("resource_id", "version",
				"created_at", "updated_at", "title", "priority");
	}

	@Test
	void anUnmappedAttributesPropertyMustBeAMapOfStringToObject() {
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> this.template.getById(WrongUnmapped.class, ID))
			.withMessageContaining("'other'")
			.withMessageContaining("Map<String, Object>");
	}

	@Test
	void anUnmappedAttributesPropertyHasNoStoredNameToChange() {
		put(pythonPlainItem("KeepPlain"));
		KeepPlain read = this.template.getById(KeepPlain.class, ID);

		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.template.update(read, Changes.set("other", Map.of())))
			.withMessageContaining("@UnmappedAttributes");
	}

	// ---- Python-shaped items ----------------------------------------------------------------------------

	/** The fields a newer Python model added, as an uncompressed item stores them, plus blob and index attributes. */
	private static Map<String, AttributeValue> extraFields() {
		Map<String, AttributeValue> fields = new LinkedHashMap<>();
		fields.put("added_later", AttributeValue.fromS("keep me"));
		fields.put("nested", AttributeValue.fromM(Map.of("level", AttributeValue.fromN("1"), "tags",
				AttributeValue.fromL(List.of(AttributeValue.fromS("x"), AttributeValue.fromBool(true))), "inner",
				AttributeValue.fromM(Map.of("ratio", AttributeValue.fromN("0.25"))), "codes",
				AttributeValue.fromSs(List.of("a", "b")))));
		fields.put("count", AttributeValue.fromN("42"));
		fields.put("ratio", AttributeValue.fromN("0.125"));
		fields.put("precise", AttributeValue.fromN(PRECISE));
		fields.put("labels", AttributeValue.fromSs(List.of("blue", "red")));
		fields.put("scores", AttributeValue.fromNs(List.of("1", "2.5")));
		fields.put("raw", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] { 1, 2, 3 })));
		fields.put("nothing", AttributeValue.fromNul(true));
		fields.put("_blob_fields", blobFields());
		fields.put("gsi1pk", AttributeValue.fromS("legacy#owner"));
		return fields;
	}

	/** What a read of {@link #extraFields()} holds: the same values as plain Java values. */
	private static Map<String, Object> extraValues() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("added_later", "keep me");
		values.put("nested", Map.of("level", 1, "tags", List.of("x", true), "inner", Map.of("ratio", 0.25), "codes",
				List.of("a", "b")));
		values.put("count", 42);
		values.put("ratio", 0.125);
		values.put("precise", new BigDecimal(PRECISE));
		values.put("labels", Set.of("blue", "red"));
		values.put("scores", Set.of(1, 2.5));
		values.put("raw", new byte[] { 1, 2, 3 });
		values.put("nothing", null);
		values.put("_blob_fields", List.of("attachment"));
		values.put("gsi1pk", "legacy#owner");
		return values;
	}

	/**
	 * A value with its numbers as doubles and binaries as lists, to compare the values of entries whatever Java
	 * number types untyped values are read as (what is stored is compared exactly).
	 */
	private static Object plain(Object value) {
		if (value instanceof Number number) {
			return number.doubleValue();
		}
		if (value instanceof byte[] bytes) {
			return List.of(java.util.stream.IntStream.range(0, bytes.length).mapToObj((i) -> bytes[i]).toArray());
		}
		if (value instanceof Map<?, ?> map) {
			Map<Object, Object> result = new LinkedHashMap<>();
			map.forEach((key, element) -> result.put(key, plain(element)));
			return result;
		}
		if (value instanceof Set<?> set) {
			return set.stream().map(UnmappedAttributesIntegrationTests::plain).collect(Collectors.toSet());
		}
		if (value instanceof List<?> list) {
			return list.stream().map(UnmappedAttributesIntegrationTests::plain).toList();
		}
		return value;
	}

	private static AttributeValue blobFields() {
		return AttributeValue.fromL(List.of(AttributeValue.fromS("attachment")));
	}

	private static AttributeValue blobVersions() {
		return AttributeValue.fromM(Map.of("attachment", AttributeValue.fromN("1")));
	}

	private static AttributeValue metadata() {
		return AttributeValue.fromM(Map.of("status", AttributeValue.fromS("todo"), "rank", AttributeValue.fromN("3")));
	}

	/** {@code DynamoDbResource.to_dynamodb_item} of an uncompressed model (2.3). */
	private static Map<String, AttributeValue> pythonPlainItem(String prefix) {
		Map<String, AttributeValue> item = new LinkedHashMap<>();
		item.put("resource_id", AttributeValue.fromS(ID));
		item.put("created_at", AttributeValue.fromS(CREATED));
		item.put("updated_at", AttributeValue.fromS(UPDATED));
		item.put("title", AttributeValue.fromS("from python"));
		item.put("priority", AttributeValue.fromN("2"));
		item.putAll(extraFields());
		item.put("pk", AttributeValue.fromS(prefix + "#" + ID));
		item.put("sk", AttributeValue.fromS(prefix + "#" + ID));
		item.put("gsitype", AttributeValue.fromS(prefix));
		item.put("gsitypesk", AttributeValue.fromS(UPDATED));
		return item;
	}

	/** The same model with {@code compress_data=True}: no top-level fields but blob and index attributes. */
	private static Map<String, AttributeValue> pythonPlainCompressedItem(String prefix) {
		Map<String, AttributeValue> item = new LinkedHashMap<>();
		item.put("data", gzip(pythonJson(null)));
		item.put("pk", AttributeValue.fromS(prefix + "#" + ID));
		item.put("sk", AttributeValue.fromS(prefix + "#" + ID));
		item.put("gsitype", AttributeValue.fromS(prefix));
		item.put("gsitypesk", AttributeValue.fromS(UPDATED));
		item.put("_blob_fields", blobFields());
		item.put("gsi1pk", AttributeValue.fromS("legacy#owner"));
		return item;
	}

	/**
	 * {@code DynamoDbVersionedResource.to_dynamodb_item} (2.4) of version 1: fields top level or {@code data};
	 * {@code _blob_fields}/{@code _blob_versions} on every item, the type index, {@code gsi1pk} and
	 * {@code metadata} on {@code v0} only.
	 */
	private static Map<String, AttributeValue> pythonVersionedItem(String prefix, String sk, ObjectNode json) {
		Map<String, AttributeValue> item = new LinkedHashMap<>();
		if (json != null) {
			item.put("data", gzip(json));
			item.put("_blob_fields", blobFields());
		}
		else {
			item.put("resource_id", AttributeValue.fromS(ID));
			item.put("created_at", AttributeValue.fromS(CREATED));
			item.put("updated_at", AttributeValue.fromS(UPDATED));
			item.put("version", AttributeValue.fromN("1"));
			item.put("title", AttributeValue.fromS("from python"));
			item.put("priority", AttributeValue.fromN("2"));
			extraFields().forEach((name, value) -> {
				if (!name.equals("gsi1pk")) {
					item.put(name, value);
				}
			});
		}
		item.put("pk", AttributeValue.fromS(prefix + "#" + ID));
		item.put("version", AttributeValue.fromN("1"));
		item.put("sk", AttributeValue.fromS(sk));
		item.put("_blob_versions", blobVersions());
		if (sk.equals("v0")) {
			item.put("gsitype", AttributeValue.fromS(prefix));
			item.put("gsitypesk", AttributeValue.fromS(UPDATED));
			item.put("gsi1pk", AttributeValue.fromS("legacy#owner"));
			item.put("metadata", metadata());
		}
		return item;
	}

	/** pydantic's {@code model_dump_json()} of the model with the fields a newer version added. */
	private static ObjectNode pythonJson(Long version) {
		ObjectNode json = JSON.createObjectNode();
		json.put("resource_id", ID);
		json.put("created_at", CREATED_JSON);
		json.put("updated_at", UPDATED_JSON);
		if (version != null) {
			json.put("version", version);
		}
		json.put("title", "from python");
		json.put("priority", 2);
		json.put("added_later", "keep me");
		ObjectNode nested = json.putObject("nested");
		nested.put("level", 1);
		nested.putArray("tags").add("x").add(true);
		nested.putObject("inner").put("ratio", 0.25);
		json.put("count", 42);
		json.put("ratio", 0.125);
		json.putArray("labels").add("red").add("blue");
		json.putNull("nothing");
		return json;
	}

	private static void assertKeptJsonFields(JsonNode stored, ObjectNode python) {
		for (String name : List.of("added_later", "nested", "count", "ratio", "labels", "nothing")) {
			assertThat(stored.get(name)).as(name).isEqualTo(python.get(name));
		}
		assertThat(stored.get("created_at").stringValue()).startsWith("2025-01-01T12:00:00.123456");
	}

	private static AttributeValue gzip(JsonNode json) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
			out.write(JSON.writeValueAsString(json).getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return AttributeValue.fromB(SdkBytes.fromByteArray(bytes.toByteArray()));
	}

	private void put(Map<String, AttributeValue> item) {
		dynamo.rawClient().putItem((request) -> request.tableName(dynamo.tableName()).item(item));
	}

	private Map<String, AttributeValue> stored(String pk, String sk) {
		return this.storedItems.item(pk, sk);
	}

	// ---- the Java types --------------------------------------------------------------------------------

	@SingleTableEntity(prefix = "KeepPlain")
	record KeepPlain(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt, String title,
			int priority, @UnmappedAttributes Map<String, Object> other) {

		KeepPlain withTitle(String title) {
			return new KeepPlain(this.id, this.createdAt, this.updatedAt, title, this.priority, this.other);
		}

	}

	@SingleTableEntity(prefix = "KeepIndexed", ttlProperty = "expiresAt")
	@IndexKey(index = "gsi2", partition = "title#{title}")
	@IndexKey(index = "gsi3", partition = "note#{note}", sort = "{title}")
	record KeepIndexed(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt,
			String title, String note, Instant expiresAt, @UnmappedAttributes Map<String, Object> other) {
	}

	@SingleTableEntity(prefix = "KeepPlainZip", compression = Compression.ENABLED)
	record KeepPlainZip(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt,
			String title, int priority, @UnmappedAttributes Map<String, Object> other) {

		KeepPlainZip withTitle(String title) {
			return new KeepPlainZip(this.id, this.createdAt, this.updatedAt, title, this.priority, this.other);
		}

	}

	@SingleTableEntity(prefix = "KeepDoc", versioned = true, compression = Compression.DISABLED)
	record KeepDoc(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String title, int priority,
			@UnmappedAttributes Map<String, Object> other) {

		KeepDoc withTitle(String title) {
			return new KeepDoc(this.id, this.version, this.createdAt, this.updatedAt, title, this.priority, this.other);
		}

	}

	@SingleTableEntity(prefix = "KeepTask", versioned = true)
	record KeepTask(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String title, int priority,
			@UnmappedAttributes Map<String, Object> other) {

		KeepTask withTitle(String title) {
			return new KeepTask(this.id, this.version, this.createdAt, this.updatedAt, title, this.priority, this.other);
		}

	}

	@SingleTableEntity(prefix = "DropPlain")
	record DropPlain(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt, String title,
			int priority) {

		DropPlain withTitle(String title) {
			return new DropPlain(this.id, this.createdAt, this.updatedAt, title, this.priority);
		}

	}

	@SingleTableEntity(prefix = "DropTask", versioned = true)
	record DropTask(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String title, int priority) {

		DropTask withTitle(String title) {
			return new DropTask(this.id, this.version, this.createdAt, this.updatedAt, title, this.priority);
		}

	}

	@SingleTableEntity(prefix = "WrongUnmapped")
	record WrongUnmapped(@Id String id, @UnmappedAttributes Map<String, String> other) {
	}

}
