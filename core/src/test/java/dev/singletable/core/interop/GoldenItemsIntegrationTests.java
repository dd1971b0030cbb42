package dev.singletable.core.interop;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.Changes;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.VersionConflictException;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.convert.StorageJsonMapper;
import dev.singletable.internal.format.StorageTimestamps;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reads and updates items written by hand in the exact layout of Python {@code simplesingletable} 16.x (see
 * {@code src/test/resources/golden/README.md}), and checks that what the template writes back still reads as
 * those Python models.
 */
class GoldenItemsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private final StoredItems storedItems = new StoredItems(dynamo);

	private static final String TASK_ID = "01JGGVSAG0B8BG000000000001";

	private static final String TASK_PK = "PyTask#" + TASK_ID;

	private static final String PROFILE_ID = "01JGGVSAKV1C5G000000000002";

	private static final String PROFILE_PK = "PyProfile#" + PROFILE_ID;

	/** The form of every timestamp the template writes: microseconds and a numeric UTC offset. */
	private static final String MICROSECOND_TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{6})?\\+00:00";

	private final List<Map<String, AttributeValue>> pythonTask = DynamoDbJson
		.readItems("/golden/python-versioned-compressed.json");

	private final Map<String, AttributeValue> pythonProfile = DynamoDbJson.readItems("/golden/python-plain.json")
		.get(0);

	private SingleTableTemplate template;

	@BeforeEach
	void loadTheGoldenItems() {
		JsonMapper snakeCase = StorageJsonMapper.builder()
			.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
			.build();
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName(),
				new MappingSingleTableConverter(new SingleTableMappingContext(), snakeCase));
		this.pythonTask.forEach(this::put);
		put(this.pythonProfile);
	}

	// ---- versioned, compressed ------------------------------------------------------------------------

	@Test
	void readsTheLatestPythonVersionWithEveryFieldValue() {
		PyTask task = this.template.getById(PyTask.class, TASK_ID);

		assertThat(task.id()).isEqualTo(TASK_ID);
		assertThat(task.version()).isEqualTo(2L);
		assertThat(task.createdAt()).isEqualTo(Instant.parse("2025-01-01T12:00:00Z"));
		assertThat(task.updatedAt()).isEqualTo(Instant.parse("2025-01-02T08:30:15.123456Z"));
		assertThat(task.title()).isEqualTo("Write the port");
		assertThat(task.status()).isEqualTo("doing");
		assertThat(task.priority()).isEqualTo(2);
		assertThat(task.tags()).containsExactlyInAnyOrder("java", "python", "interop");
		assertThat(task.estimateHours()).isEqualTo(0.1);
		assertThat(task.dueDate()).isEqualTo(LocalDate.of(2025, 1, 31));
		assertThat(task.assignee()).isEqualTo("ann");
		assertThat(task.checklist()).containsExactly("design", "code", "test");
	}

	@Test
	void findsEveryPythonVersionNewestFirstWithItsOwnContent() {
		List<PyTask> versions = this.template.findAllVersions(PyTask.class, TASK_ID);

		assertThat(versions).extracting(PyTask::version).containsExactly(2L, 1L);
		assertThat(versions.get(0)).isEqualTo(this.template.getById(PyTask.class, TASK_ID));
		PyTask first = versions.get(1);
		assertThat(first.id()).isEqualTo(TASK_ID);
		assertThat(first.createdAt()).isEqualTo(Instant.parse("2025-01-01T12:00:00Z"));
		assertThat(first.updatedAt()).isEqualTo(Instant.parse("2025-01-01T12:00:00Z"));
		assertThat(first.title()).isEqualTo("Write the port");
		assertThat(first.status()).isEqualTo("todo");
		assertThat(first.priority()).isEqualTo(2);
		assertThat(first.tags()).containsExactlyInAnyOrder("java", "python");
		assertThat(first.estimateHours()).isEqualTo(1.5);
		assertThat(first.dueDate()).isEqualTo(LocalDate.of(2025, 1, 31));
		assertThat(first.assignee()).isNull();
		assertThat(first.checklist()).containsExactly("design", "code");
		assertThat(this.template.findVersion(PyTask.class, TASK_ID, 1)).contains(first);
	}

	@Test
	void updatesAPythonVersionedResourceToVersionThreeAndLeavesThePythonHistoryUntouched() {
		PyTask latest = this.template.getById(PyTask.class, TASK_ID);

		PyTask updated = this.template.update(latest, Changes.set("status", "done"));

		assertThat(updated.version()).isEqualTo(3L);
		assertThat(updated.createdAt()).isEqualTo(latest.createdAt());
		assertThat(updated.updatedAt()).isAfter(latest.updatedAt());
		assertThat(sortKeys(TASK_PK)).containsExactlyInAnyOrder("v0", "v1", "v2", "v3");
		assertThat(stored(TASK_PK, "v1")).isEqualTo(this.pythonTask.get(0));
		assertThat(stored(TASK_PK, "v2")).isEqualTo(this.pythonTask.get(1));
		Map<String, AttributeValue> v0 = stored(TASK_PK, "v0");
		Map<String, AttributeValue> v3 = stored(TASK_PK, "v3");
		assertThat(v3).containsOnlyKeys("pk", "sk", "version", "data");
		assertThat(v3.get("version").n()).isEqualTo("3");
		assertThat(v0).containsOnlyKeys("pk", "sk", "version", "data", "gsitype", "gsitypesk");
		assertThat(v0.get("version").n()).isEqualTo("3");
		assertThat(v0.get("gsitype").s()).isEqualTo("PyTask");
		assertThat(v0.get("gsitypesk").s()).isEqualTo(StorageTimestamps.format(updated.updatedAt()));
		assertThat(DynamoDbJson.data(v0)).isEqualTo(DynamoDbJson.data(v3));
		assertThat(this.template.getById(PyTask.class, TASK_ID)).isEqualTo(updated);
		assertThat(this.template.findAllVersions(PyTask.class, TASK_ID)).extracting(PyTask::version)
			.containsExactly(3L, 2L, 1L);
	}

	@Test
	void writesTheNewVersionWithThePythonFieldNamesAndMicrosecondTimestamps() {
		PyTask updated = this.template.update(this.template.getById(PyTask.class, TASK_ID),
				Changes.set("status", "done"));

		JsonNode python = DynamoDbJson.data(this.pythonTask.get(1));
		JsonNode written = DynamoDbJson.data(stored(TASK_PK, "v3"));
		assertThat(fieldNames(written)).containsExactlyInAnyOrderElementsOf(fieldNames(python));
		assertThat(written.get("resource_id").stringValue()).isEqualTo(TASK_ID);
		assertThat(written.get("version").isIntegralNumber()).isTrue();
		assertThat(written.get("version").longValue()).isEqualTo(3);
		assertThat(written.get("created_at").stringValue()).matches(MICROSECOND_TIMESTAMP)
			.isEqualTo("2025-01-01T12:00:00+00:00");
		assertThat(written.get("updated_at").stringValue()).matches(MICROSECOND_TIMESTAMP)
			.isEqualTo(StorageTimestamps.format(updated.updatedAt()));
		assertThat(written.get("title").stringValue()).isEqualTo("Write the port");
		assertThat(written.get("status").stringValue()).isEqualTo("done");
		assertThat(written.get("priority").isIntegralNumber()).isTrue();
		assertThat(written.get("priority").intValue()).isEqualTo(2);
		assertThat(written.get("tags").valueStream().map(JsonNode::stringValue))
			.containsExactlyInAnyOrder("java", "python", "interop");
		assertThat(written.get("estimate_hours").decimalValue()).isEqualByComparingTo("0.1");
		assertThat(written.get("due_date").stringValue()).isEqualTo("2025-01-31");
		assertThat(written.get("assignee").stringValue()).isEqualTo("ann");
		assertThat(written.get("checklist").valueStream().map(JsonNode::stringValue))
			.containsExactly("design", "code", "test");
	}

	@Test
	void restoresAPythonVersionAsANewVersion() {
		PyTask restored = this.template.restoreVersion(PyTask.class, TASK_ID, 1);

		assertThat(restored.version()).isEqualTo(3L);
		assertThat(restored.status()).isEqualTo("todo");
		assertThat(restored.tags()).containsExactlyInAnyOrder("java", "python");
		assertThat(restored.assignee()).isNull();
		assertThat(restored.createdAt()).isEqualTo(Instant.parse("2025-01-01T12:00:00Z"));
		assertThat(restored.updatedAt()).isAfter(Instant.parse("2025-01-02T08:30:15.123456Z"));
		assertThat(DynamoDbJson.data(stored(TASK_PK, "v3")).get("assignee").isNull()).isTrue();
		assertThat(stored(TASK_PK, "v2")).isEqualTo(this.pythonTask.get(1));
	}

	@Test
	void rejectsAnUpdateBasedOnAnOlderPythonVersion() {
		PyTask first = this.template.findVersion(PyTask.class, TASK_ID, 1).orElseThrow();

		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> this.template.update(first.withStatus("stale")));
		assertThat(stored(TASK_PK, "v0")).isEqualTo(this.pythonTask.get(2));
		assertThat(sortKeys(TASK_PK)).containsExactlyInAnyOrder("v0", "v1", "v2");
	}

	@Test
	void createsAVersionedResourceWithThePythonItemAttributesAndJsonFieldNames() {
		PyTask created = this.template.create(new PyTask(null, null, null, null, "New", "todo", 1, Set.of("java"), 2.5,
				LocalDate.of(2025, 3, 1), null, List.of()));

		String pk = "PyTask#" + created.id();
		assertThat(stored(pk, "v1")).containsOnlyKeys(this.pythonTask.get(0).keySet());
		assertThat(stored(pk, "v0")).containsOnlyKeys(this.pythonTask.get(2).keySet());
		JsonNode written = DynamoDbJson.data(stored(pk, "v1"));
		assertThat(fieldNames(written))
			.containsExactlyInAnyOrderElementsOf(fieldNames(DynamoDbJson.data(this.pythonTask.get(0))));
		assertThat(written.get("assignee").isNull()).isTrue();
		assertThat(written.get("checklist").isEmpty()).isTrue();
	}

	// ---- plain, uncompressed --------------------------------------------------------------------------

	@Test
	void readsThePythonPlainItemWithEveryFieldValue() {
		PyProfile profile = this.template.getById(PyProfile.class, PROFILE_ID);

		assertThat(profile.id()).isEqualTo(PROFILE_ID);
		assertThat(profile.createdAt()).isEqualTo(Instant.parse("2025-01-01T12:00:00.123456Z"));
		assertThat(profile.updatedAt()).isEqualTo(Instant.parse("2025-01-01T12:00:00Z"));
		assertThat(profile.displayName()).isEqualTo("Ann Lee");
		assertThat(profile.email()).isEqualTo("ann@example.com");
		assertThat(profile.score()).isEqualTo(0.1);
		assertThat(profile.visits()).isEqualTo(42L);
		assertThat(profile.active()).isTrue();
		assertThat(profile.birthday()).isEqualTo(LocalDate.of(2025, 1, 31));
		assertThat(profile.nickname()).isNull();
		assertThat(profile.roles()).containsExactlyInAnyOrder("admin", "user");
		assertThat(profile.badges()).isEmpty();
		assertThat(profile.address()).isEqualTo(new PyProfile.Address("1 Main St", "Springfield", "12345",
				Map.of("lat", 47.6062, "lng", -122.3321)));
		assertThat(profile.history()).hasSize(5);
		// untyped numbers read as Jackson reads them from JSON, whether the type is compressed or not
		assertThat(profile.history()).containsExactly("signup", 3, Map.of("event", "login", "count", 2), true, 0.5);
	}

	@Test
	void updatesThePythonPlainItemWhoseTimestampHasNoFraction() {
		PyProfile profile = this.template.getById(PyProfile.class, PROFILE_ID);
		assertThat(this.pythonProfile.get("updated_at").s()).isEqualTo("2025-01-01T12:00:00+00:00");

		PyProfile updated = this.template.update(profile, Changes.set("displayName", "Ann L."));

		assertThat(updated.displayName()).isEqualTo("Ann L.");
		assertThat(updated.createdAt()).isEqualTo(profile.createdAt());
		assertThat(updated.updatedAt()).isAfter(profile.updatedAt());
		assertThat(this.template.getById(PyProfile.class, PROFILE_ID)).isEqualTo(updated);
	}

	@Test
	void keepsThePythonAttributeNamesAndTypesWhenUpdatingThePlainItem() {
		PyProfile updated = this.template.update(this.template.getById(PyProfile.class, PROFILE_ID),
				Changes.set("displayName", "Ann L."));

		Map<String, AttributeValue> item = stored(PROFILE_PK, PROFILE_PK);
		assertThat(item).containsOnlyKeys(this.pythonProfile.keySet());
		assertThat(shape(item)).isEqualTo(shape(this.pythonProfile));
		Map<String, AttributeValue> unchanged = new LinkedHashMap<>(this.pythonProfile);
		for (String changed : List.of("display_name", "updated_at", "gsitypesk", "roles")) {
			unchanged.remove(changed);
		}
		assertThat(item).containsAllEntriesOf(unchanged);
		assertThat(item.get("display_name").s()).isEqualTo("Ann L.");
		assertThat(item.get("roles").ss()).containsExactlyInAnyOrder("admin", "user");
		assertThat(item.get("score").n()).isEqualTo("0.1");
		assertThat(item.get("nickname").nul()).isTrue();
		assertThat(item.get("created_at").s()).isEqualTo("2025-01-01T12:00:00.123456+00:00");
		assertThat(item.get("updated_at").s()).matches(MICROSECOND_TIMESTAMP)
			.isEqualTo(StorageTimestamps.format(updated.updatedAt()));
		assertThat(item.get("gsitypesk")).isEqualTo(item.get("updated_at"));
		assertThat(item).doesNotContainKey("badges");
	}

	@Test
	void writesAStringOverAPythonNullOnlyOnceTheValueIsSet() {
		PyProfile named = this.template.update(this.template.getById(PyProfile.class, PROFILE_ID),
				Changes.set("nickname", "annie"));
		assertThat(stored(PROFILE_PK, PROFILE_PK).get("nickname")).isEqualTo(AttributeValue.fromS("annie"));

		this.template.update(named, Changes.clearing("nickname"));

		assertThat(stored(PROFILE_PK, PROFILE_PK).get("nickname")).isEqualTo(AttributeValue.fromNul(true));
	}

	@Test
	void rejectsAStaleUpdateOfThePythonPlainItem() {
		PyProfile profile = this.template.getById(PyProfile.class, PROFILE_ID);
		this.template.update(profile, Changes.set("displayName", "first"));

		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> this.template.update(profile, Changes.set("displayName", "second")));
		assertThat(this.template.getById(PyProfile.class, PROFILE_ID).displayName()).isEqualTo("first");
	}

	@Test
	void createsAPlainResourceWithExactlyThePythonAttributes() {
		PyProfile created = this.template.create(new PyProfile(null, null, null, "Bob", "bob@example.com", 0.5, 1, false,
				LocalDate.of(2000, 2, 29), null, Set.of("user"), Set.of(), new PyProfile.Address("2 Side St",
						"Shelbyville", "54321", Map.of("lat", 1.25, "lng", -2.5)),
				List.of("signup", 1, Map.of("event", "login", "count", 1), false, 0.25)));

		String pk = "PyProfile#" + created.id();
		Map<String, AttributeValue> item = stored(pk, pk);
		// Python's DynamoDbResource forbids extra fields: any attribute beyond its fields and the layout keys
		// makes the item unreadable there.
		assertThat(item).containsOnlyKeys(this.pythonProfile.keySet());
		assertThat(shape(item)).isEqualTo(shape(this.pythonProfile));
	}

	// ---- helpers --------------------------------------------------------------------------------------

	private void put(Map<String, AttributeValue> item) {
		dynamo.rawClient().putItem((request) -> request.tableName(dynamo.tableName()).item(item));
	}

	private Map<String, AttributeValue> stored(String pk, String sk) {
		return this.storedItems.item(pk, sk);
	}

	private List<String> sortKeys(String pk) {
		return this.storedItems.sortKeys(pk);
	}

	private static List<String> fieldNames(JsonNode object) {
		return new ArrayList<>(object.propertyNames());
	}

	/** The attribute types of an item, nested maps and lists included. */
	private static Map<String, Object> shape(Map<String, AttributeValue> item) {
		Map<String, Object> shape = new LinkedHashMap<>();
		item.forEach((name, value) -> shape.put(name, shape(value)));
		return shape;
	}

	private static Object shape(AttributeValue value) {
		return switch (value.type()) {
			case M -> Map.of("M", shape(value.m()));
			case L -> Map.of("L", value.l().stream().map(GoldenItemsIntegrationTests::shape).toList());
			default -> value.type().name();
		};
	}

}
