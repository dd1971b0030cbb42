package dev.singletable.core.interop;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.Changes;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.fixtures.Document;
import dev.singletable.core.fixtures.Note;
import dev.singletable.core.fixtures.Profile;
import dev.singletable.core.fixtures.Snapshot;
import dev.singletable.internal.format.StorageTimestamps;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue.Type;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Asserts the exact attributes, and their DynamoDB types, of the items the template writes, against the
 * {@code simplesingletable} layout: what a Python reader of the same table finds.
 */
class StoredLayoutIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private final StoredItems storedItems = new StoredItems(dynamo);

	/** The form of every timestamp the template writes: microseconds and a numeric UTC offset. */
	private static final String MICROSECOND_TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}\\+00:00";

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
	}

	@Test
	void versionedCompressedCreateWritesOnlyKeysVersionAndDataOnV1AndAddsTheTypeIndexOnV0() {
		Note created = this.template.create(Note.of("layout"));
		String pk = "Note#" + created.id();

		assertThat(sortKeys(pk)).containsExactlyInAnyOrder("v0", "v1");
		Map<String, AttributeValue> v1 = stored(pk, "v1");
		assertThat(types(v1)).containsExactlyInAnyOrderEntriesOf(
				Map.of("pk", Type.S, "sk", Type.S, "version", Type.N, "data", Type.B));
		assertThat(v1.get("pk").s()).isEqualTo(pk);
		assertThat(v1.get("sk").s()).isEqualTo("v1");
		assertThat(v1.get("version").n()).isEqualTo("1");
		Map<String, AttributeValue> v0 = stored(pk, "v0");
		assertThat(types(v0)).containsExactlyInAnyOrderEntriesOf(Map.of("pk", Type.S, "sk", Type.S, "version", Type.N,
				"data", Type.B, "gsitype", Type.S, "gsitypesk", Type.S));
		assertThat(v0.get("pk").s()).isEqualTo(pk);
		assertThat(v0.get("version").n()).isEqualTo("1");
		assertThat(v0.get("gsitype").s()).isEqualTo("Note");
		assertThat(v0.get("gsitypesk").s()).matches(MICROSECOND_TIMESTAMP)
			.isEqualTo(StorageTimestamps.format(created.updatedAt()));
		assertThat(v0.get("data")).isEqualTo(v1.get("data"));
	}

	@Test
	void versionedCompressedDataHoldsTheWholeEntityAsJsonWithSystemFieldNames() {
		Note created = this.template.create(Note.of("layout"));

		JsonNode data = DynamoDbJson.data(stored("Note#" + created.id(), "v1"));

		assertThat(data.propertyNames()).containsExactlyInAnyOrder("resource_id", "version", "created_at",
				"updated_at", "title", "body", "tags", "priority", "score", "due", "meta", "items", "author", "remindAt",
				"done");
		assertThat(data.get("resource_id").stringValue()).isEqualTo(created.id());
		assertThat(data.get("version").isIntegralNumber()).isTrue();
		assertThat(data.get("version").longValue()).isEqualTo(1);
		assertThat(data.get("created_at").stringValue()).matches(MICROSECOND_TIMESTAMP)
			.isEqualTo(StorageTimestamps.format(created.createdAt()));
		assertThat(data.get("updated_at").stringValue()).isEqualTo(data.get("created_at").stringValue());
		assertThat(data.get("remindAt").stringValue()).isEqualTo("2025-02-01T10:15:30.123456+00:00");
		assertThat(data.get("due").stringValue()).isEqualTo("2025-01-31");
		assertThat(data.get("score").decimalValue()).isEqualByComparingTo("0.1");
		assertThat(data.get("tags").valueStream().map(JsonNode::stringValue)).containsExactlyInAnyOrder("a", "b");
		assertThat(data.get("meta").get("n").intValue()).isEqualTo(5);
		assertThat(data.get("author").get("email").stringValue()).isEqualTo("ann@example.com");
		assertThat(data.get("done").isNull()).isTrue();
	}

	@Test
	void versionedCompressedUpdateWritesTheNextVersionInTheSameLayout() {
		Note created = this.template.create(Note.of("layout"));
		Map<String, AttributeValue> first = stored("Note#" + created.id(), "v1");

		Note updated = this.template.update(created.withTitle("again"));

		String pk = "Note#" + created.id();
		assertThat(sortKeys(pk)).containsExactlyInAnyOrder("v0", "v1", "v2");
		assertThat(stored(pk, "v1")).isEqualTo(first);
		Map<String, AttributeValue> v2 = stored(pk, "v2");
		assertThat(v2).containsOnlyKeys("pk", "sk", "version", "data");
		assertThat(v2.get("version").n()).isEqualTo("2");
		Map<String, AttributeValue> v0 = stored(pk, "v0");
		assertThat(v0).containsOnlyKeys("pk", "sk", "version", "data", "gsitype", "gsitypesk");
		assertThat(v0.get("version").n()).isEqualTo("2");
		assertThat(v0.get("gsitypesk").s()).isEqualTo(StorageTimestamps.format(updated.updatedAt()));
		assertThat(v0.get("data")).isEqualTo(v2.get("data"));
		JsonNode data = DynamoDbJson.data(v2);
		assertThat(data.get("title").stringValue()).isEqualTo("again");
		assertThat(data.get("created_at").stringValue()).isEqualTo(StorageTimestamps.format(created.createdAt()));
	}

	@Test
	void versionedUncompressedCreateWritesEveryFieldTopLevelOnBothItems() {
		Document created = this.template.create(Document.of("hello"));
		String pk = "Document#" + created.id();

		Map<String, Type> fields = Map.of("pk", Type.S, "sk", Type.S, "version", Type.N, "resource_id", Type.S,
				"created_at", Type.S, "updated_at", Type.S, "text", Type.S, "labels", Type.SS, "weight", Type.N);
		Map<String, AttributeValue> v1 = stored(pk, "v1");
		assertThat(types(v1)).containsExactlyInAnyOrderEntriesOf(fields);
		Map<String, Type> latestFields = new HashMap<>(fields);
		latestFields.put("gsitype", Type.S);
		latestFields.put("gsitypesk", Type.S);
		Map<String, AttributeValue> v0 = stored(pk, "v0");
		assertThat(types(v0)).containsExactlyInAnyOrderEntriesOf(latestFields);
		for (Map<String, AttributeValue> item : List.of(v0, v1)) {
			assertThat(item.get("version").n()).isEqualTo("1");
			assertThat(item.get("resource_id").s()).isEqualTo(created.id());
			assertThat(item.get("created_at").s()).matches(MICROSECOND_TIMESTAMP)
				.isEqualTo(StorageTimestamps.format(created.createdAt()));
			assertThat(item.get("updated_at").s()).isEqualTo(item.get("created_at").s());
			assertThat(item.get("text").s()).isEqualTo("hello");
			assertThat(item.get("labels").ss()).containsExactly("draft");
			assertThat(item.get("weight").n()).isEqualTo("1.5");
		}
		assertThat(v1.get("sk").s()).isEqualTo("v1");
		assertThat(v0.get("sk").s()).isEqualTo("v0");
		assertThat(v0.get("gsitype").s()).isEqualTo("Document");
		assertThat(v0.get("gsitypesk")).isEqualTo(v0.get("updated_at"));
	}

	@Test
	void plainUncompressedCreateWritesEveryFieldTopLevelWithPythonTypes() {
		Profile profile = new Profile("Ann");
		profile.setVisits(7);
		profile.setRatio(0.25f);
		profile.setBalance(new BigDecimal("12345.678"));
		profile.setActive(true);
		profile.setBirthday(LocalDate.of(1990, 5, 17));
		profile.setRoles(Set.of("admin", "user"));
		profile.setHistory(List.of("a", 1, true, Map.of("x", List.of(1, 2))));
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("theme", "dark");
		settings.put("nested", Map.of("level", 2, "off", false));
		profile.setSettings(settings);

		Profile created = this.template.create(profile);

		String pk = "Profile#" + created.getId();
		assertThat(sortKeys(pk)).containsExactly(pk);
		Map<String, AttributeValue> item = stored(pk, pk);
		assertThat(types(item)).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(entry("pk", Type.S),
				entry("sk", Type.S), entry("gsitype", Type.S), entry("gsitypesk", Type.S), entry("resource_id", Type.S),
				entry("created_at", Type.S), entry("updated_at", Type.S), entry("name", Type.S), entry("visits", Type.N),
				entry("ratio", Type.N), entry("balance", Type.N), entry("active", Type.BOOL), entry("birthday", Type.S),
				entry("roles", Type.SS), entry("history", Type.L), entry("settings", Type.M), entry("nickname", Type.NUL),
				entry("avatar", Type.NUL)));
		assertThat(item.get("resource_id").s()).isEqualTo(created.getId());
		assertThat(item.get("created_at").s()).matches(MICROSECOND_TIMESTAMP)
			.isEqualTo(StorageTimestamps.format(created.getCreatedAt()));
		assertThat(item.get("updated_at").s()).isEqualTo(StorageTimestamps.format(created.getUpdatedAt()));
		assertThat(item.get("gsitype").s()).isEqualTo("Profile");
		assertThat(item.get("gsitypesk")).isEqualTo(item.get("updated_at"));
		assertThat(item.get("name").s()).isEqualTo("Ann");
		assertThat(item.get("visits").n()).isEqualTo("7");
		assertThat(item.get("ratio").n()).isEqualTo("0.25");
		assertThat(item.get("balance").n()).isEqualTo("12345.678");
		assertThat(item.get("active").bool()).isTrue();
		assertThat(item.get("birthday").s()).isEqualTo("1990-05-17");
		assertThat(item.get("roles").ss()).containsExactlyInAnyOrder("admin", "user");
		assertThat(item.get("history")).isEqualTo(AttributeValue.fromL(List.of(AttributeValue.fromS("a"),
				AttributeValue.fromN("1"), AttributeValue.fromBool(true), AttributeValue.fromM(Map.of("x",
						AttributeValue.fromL(List.of(AttributeValue.fromN("1"), AttributeValue.fromN("2"))))))));
		assertThat(item.get("settings")).isEqualTo(AttributeValue.fromM(Map.of("theme", AttributeValue.fromS("dark"),
				"nested", AttributeValue.fromM(Map.of("level", AttributeValue.fromN("2"), "off",
						AttributeValue.fromBool(false))))));
		assertThat(item.get("nickname").nul()).isTrue();
	}

	@Test
	void plainUncompressedCreateStoresAByteArrayAsBinary() {
		Profile profile = new Profile("Avatar");
		profile.setAvatar(new byte[] { 1, 2, 3 });

		Profile created = this.template.create(profile);

		String pk = "Profile#" + created.getId();
		AttributeValue avatar = stored(pk, pk).get("avatar");
		assertThat(avatar.type()).isEqualTo(Type.B);
		assertThat(avatar.b()).isEqualTo(SdkBytes.fromByteArray(new byte[] { 1, 2, 3 }));
	}

	@Test
	void plainUncompressedCreateLeavesAnEmptySetOutAndStoresNullsAsNull() {
		Profile created = this.template.create(new Profile("NoRoles"));

		String pk = "Profile#" + created.getId();
		Map<String, AttributeValue> item = stored(pk, pk);
		assertThat(item).doesNotContainKey("roles");
		assertThat(item.get("history").l()).isEmpty();
		assertThat(item.get("settings").m()).isEmpty();
		assertThat(item.get("nickname").nul()).isTrue();
		assertThat(item.get("balance").nul()).isTrue();
		assertThat(item.get("birthday").nul()).isTrue();
		assertThat(item.get("avatar").nul()).isTrue();
		assertThat(item).doesNotContainKeys("version", "data");
	}

	@Test
	void plainCompressedCreateWritesDataAndTheTtlAsCreatedAtPlusKeepSeconds() {
		Snapshot created = this.template.create(new Snapshot(null, null, null, "one", List.of(1.5, 2.25), 3600L));

		String pk = "Snap#" + created.id();
		Map<String, AttributeValue> item = stored(pk, pk);
		// simplesingletable writes pk, sk, data, gsitype, gsitypesk and the TTL attribute; the template adds a
		// top-level updated_at to compressed plain items (its optimistic-lock token, equal to gsitypesk).
		assertThat(types(item)).containsExactlyInAnyOrderEntriesOf(Map.of("pk", Type.S, "sk", Type.S, "data", Type.B,
				"gsitype", Type.S, "gsitypesk", Type.S, "ttl", Type.N, "updated_at", Type.S));
		assertThat(item.get("gsitype").s()).isEqualTo("Snap");
		assertThat(item.get("gsitypesk").s()).matches(MICROSECOND_TIMESTAMP)
			.isEqualTo(StorageTimestamps.format(created.updatedAt()));
		assertThat(item.get("updated_at")).isEqualTo(item.get("gsitypesk"));
		assertThat(item.get("ttl").n()).isEqualTo(Long.toString(created.createdAt().getEpochSecond() + 3600));
		JsonNode data = DynamoDbJson.data(item);
		assertThat(data.propertyNames()).containsExactlyInAnyOrder("resource_id", "created_at", "updated_at", "label",
				"values", "keepSeconds");
		assertThat(data.get("created_at").stringValue()).isEqualTo(StorageTimestamps.format(created.createdAt()));
		assertThat(data.get("keepSeconds").longValue()).isEqualTo(3600);
	}

	@Test
	void plainCompressedUpdateKeepsTheTtlRelativeToTheCreationTime() {
		Snapshot created = this.template.create(new Snapshot(null, null, null, "one", List.of(1.5), 60L));
		String pk = "Snap#" + created.id();
		AttributeValue ttl = stored(pk, pk).get("ttl");

		Snapshot updated = this.template.update(created.withLabel("two"));

		Map<String, AttributeValue> item = stored(pk, pk);
		assertThat(item.get("ttl")).isEqualTo(ttl);
		assertThat(item.get("gsitypesk").s()).isEqualTo(StorageTimestamps.format(updated.updatedAt()));
		assertThat(DynamoDbJson.data(item).get("label").stringValue()).isEqualTo("two");
	}

	@Test
	void plainItemsKeepTheSameAttributesFromCreateToUpdate() {
		Profile profile = this.template.create(new Profile("Same"));
		String profileKey = "Profile#" + profile.getId();
		Map<String, Type> profileCreated = types(stored(profileKey, profileKey));
		Snapshot snapshot = this.template.create(new Snapshot(null, null, null, "one", List.of(1.5), 60L));
		String snapshotKey = "Snap#" + snapshot.id();
		Map<String, Type> snapshotCreated = types(stored(snapshotKey, snapshotKey));

		profile.setName("Changed");
		this.template.update(profile);
		this.template.update(snapshot.withLabel("two"));

		assertThat(types(stored(profileKey, profileKey))).isEqualTo(profileCreated);
		assertThat(types(stored(snapshotKey, snapshotKey))).isEqualTo(snapshotCreated);
	}

	@Test
	void omitNullsLeavesNullValuesOutOfTheItemAndItsNestedMaps() {
		Map<String, Object> inner = new HashMap<>();
		inner.put("d", null);
		inner.put("e", "x");
		Map<String, Object> extra = new HashMap<>();
		extra.put("a", null);
		extra.put("b", 1);
		extra.put("c", inner);

		Sparse created = this.template.create(new Sparse(null, null, null, "sparse", null, extra, List.of("x")));

		String pk = "Sparse#" + created.id();
		Map<String, AttributeValue> item = stored(pk, pk);
		assertThat(types(item)).containsExactlyInAnyOrderEntriesOf(Map.of("pk", Type.S, "sk", Type.S, "gsitype",
				Type.S, "gsitypesk", Type.S, "resource_id", Type.S, "created_at", Type.S, "updated_at", Type.S, "name",
				Type.S, "extra", Type.M, "items", Type.L));
		assertThat(item.get("extra")).isEqualTo(AttributeValue.fromM(Map.of("b", AttributeValue.fromN("1"), "c",
				AttributeValue.fromM(Map.of("e", AttributeValue.fromS("x"))))));
		assertThat(this.template.getById(Sparse.class, created.id()).note()).isNull();
	}

	@Test
	void omitNullsRemovesTheAttributeWhenAnUpdateClearsIt() {
		Sparse created = this.template.create(new Sparse(null, null, null, "sparse", "note", Map.of(), List.of()));

		this.template.update(created, Changes.clearing("name", "note"));

		String pk = "Sparse#" + created.id();
		assertThat(stored(pk, pk)).doesNotContainKeys("name", "note").containsKeys("extra", "items");
	}

	// ---- helpers --------------------------------------------------------------------------------------

	private Map<String, AttributeValue> stored(String pk, String sk) {
		return this.storedItems.item(pk, sk);
	}

	private List<String> sortKeys(String pk) {
		return this.storedItems.sortKeys(pk);
	}

	private static Map<String, Type> types(Map<String, AttributeValue> item) {
		Map<String, Type> types = new LinkedHashMap<>();
		item.forEach((name, value) -> types.put(name, value.type()));
		return types;
	}

}
