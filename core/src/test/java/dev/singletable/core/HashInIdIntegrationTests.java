package dev.singletable.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.query.QueryPage;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Ids containing {@code #} work end to end, as they do in the Python library ({@code override_id="team#42"} stores
 * {@code pk = Event#team#42}): every read path recognizes an item by its registered prefix, never by the last
 * {@code #} of its key.
 */
class HashInIdIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
	}

	@Test
	void versionedResourceWithHashesInItsIdLivesAFullLife() {
		Event created = this.template.create(new Event("team#42", null, null, null, "ann", "kick-off"));

		assertThat(stored("Event#team#42", "v0")).containsEntry("pk", AttributeValue.fromS("Event#team#42"));
		assertThat(this.template.findById(Event.class, "team#42")).contains(created);
		Event second = this.template.update(created.withTitle("second"));
		Event third = this.template.update(second.withTitle("third"));
		assertThat(this.template.findById(Event.class, "team#42")).contains(third);
		assertThat(this.template.findVersion(Event.class, "team#42", 1)).contains(created);
		assertThat(this.template.findAllVersions(Event.class, "team#42")).extracting(Event::version)
			.containsExactly(3L, 2L, 1L);
		Event restored = this.template.restoreVersion(Event.class, "team#42", 1);
		assertThat(restored.title()).isEqualTo("kick-off");
		assertThat(restored.version()).isEqualTo(4L);
		assertThat(this.template.query(Event.class).all()).containsExactly(restored);
		assertThat(this.template.query(Event.class).index("gsi1").partition("owner#ann").all()).containsExactly(restored);
		assertThat(this.template.query(Event.class).count()).isEqualTo(1);
		assertThat(this.template.findAllById(Event.class, List.of("team#42", "team"))).containsExactly(restored);
		assertThat(this.template.deleteVersion(Event.class, "team#42", 2)).isTrue();
		assertThat(this.template.findAllVersions(Event.class, "team#42")).extracting(Event::version)
			.containsExactly(4L, 3L, 1L);
		this.template.delete(restored);
		assertThat(this.template.findById(Event.class, "team#42")).isEmpty();
		assertThat(this.template.findAllVersions(Event.class, "team#42")).isEmpty();

		this.template.create(new Event("#", null, null, null, "ann", "only a hash"));
		assertThat(this.template.query(Event.class).all()).extracting(Event::id).containsExactly("#");
		assertThat(this.template.deleteById(Event.class, "#")).isTrue();
		assertThat(this.template.findAllVersions(Event.class, "#")).isEmpty();
	}

	@Test
	void plainResourcesWithHashesInTheirIdsAreWrittenReadListedAndDeleted() {
		List<String> ids = List.of("a#b#c", "x#", "#lead", "v0#x", "plain");
		List<Badge> created = new ArrayList<>();
		for (String id : ids) {
			created.add(this.template.create(new Badge(id, null, "ann", "badge " + id)));
		}
		Badge updated = this.template.update(created.get(0).withName("renamed"));

		assertThat(this.template.getById(Badge.class, "a#b#c")).isEqualTo(updated);
		assertThat(this.template.findAllById(Badge.class, ids)).extracting(Badge::id).containsExactlyElementsOf(ids);
		assertThat(this.template.query(Badge.class).all()).extracting(Badge::id)
			.containsExactlyInAnyOrderElementsOf(ids);
		assertThat(this.template.query(Badge.class).count()).isEqualTo(ids.size());
		this.template.deleteAllById(Badge.class, List.of("x#", "#lead"));
		assertThat(this.template.query(Badge.class).all()).extracting(Badge::id)
			.containsExactlyInAnyOrder("a#b#c", "v0#x", "plain");
		this.template.delete(updated);
		assertThat(this.template.deleteById(Badge.class, "v0#x")).isTrue();
		assertThat(this.template.query(Badge.class).all()).extracting(Badge::id).containsExactly("plain");
	}

	@Test
	void itemAPythonServiceWroteWithAHashInItsIdIsListedReadAndUpdated() {
		String stamp = "2025-01-01T12:00:00.123456+00:00";
		dynamo.rawClient()
			.putItem((request) -> request.tableName(dynamo.tableName())
				.item(Map.of("pk", AttributeValue.fromS("Badge#team#42"), "sk", AttributeValue.fromS("Badge#team#42"),
						"gsitype", AttributeValue.fromS("Badge"), "gsitypesk", AttributeValue.fromS(stamp), "resource_id",
						AttributeValue.fromS("team#42"), "created_at", AttributeValue.fromS(stamp), "updated_at",
						AttributeValue.fromS(stamp), "owner", AttributeValue.fromS("ann"), "name",
						AttributeValue.fromS("from python"))));

		Badge expected = new Badge("team#42", Instant.parse("2025-01-01T12:00:00.123456Z"), "ann", "from python");
		assertThat(this.template.query(Badge.class).all()).containsExactly(expected);
		assertThat(this.template.findById(Badge.class, "team#42")).contains(expected);
		this.template.update(expected.withName("from java"));
		assertThat(stored("Badge#team#42", "Badge#team#42")).containsEntry("name", AttributeValue.fromS("from java"));
	}

	@Test
	void queriesOverSeveralTypesReadEachItemAsItsOwnType() {
		Event event = this.template.create(new Event("team#1", null, null, null, "ann", "e"));
		Badge badge = this.template.create(new Badge("team#1", null, "ann", "b"));
		Badge other = this.template.create(new Badge("Event#team#2", null, "ann", "looks like an event"));

		assertThat(this.template.queryAny(Event.class, Badge.class).index("gsi1").partition("owner#ann").all())
			.containsExactlyInAnyOrder(event, badge, other);
		assertThat(this.template.queryAny(Event.class).index("gsi1").partition("owner#ann").all()).containsExactly(event);
		assertThat(this.template.query(Badge.class).index("gsi1").partition("owner#ann").all())
			.containsExactlyInAnyOrder(badge, other);
	}

	@Test
	void cursorsRoundTripOverIdsWithHashes() {
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			expected.add(this.template.create(new Event("org#" + i + "#x", null, null, null, "ann", "e" + i)).id());
		}
		for (SingleTableQueryFactory factory : List.<SingleTableQueryFactory>of(
				() -> this.template.query(Event.class).limit(2),
				() -> this.template.query(Event.class).index("gsi1").partition("owner#ann").limit(3))) {
			List<String> read = new ArrayList<>();
			String cursor = null;
			do {
				QueryPage<Event> page = factory.create().page(cursor);
				page.items().forEach((event) -> read.add(event.id()));
				cursor = page.nextCursor();
			}
			while (cursor != null);
			assertThat(read).containsExactlyInAnyOrderElementsOf(expected);
		}
	}

	@Test
	void onlyIdsTheKeyCannotTakeAreRefusedNamingTypeAndId() {
		dynamo.requests().reset();
		for (String id : List.of("", "x".repeat(513), "tab\tid", "new\nline", "half\uD800")) {
			assertThatExceptionOfType(InvalidResourceIdException.class).as(id)
				.isThrownBy(() -> this.template.findById(Event.class, id))
				.withMessageContaining("Invalid id for Event");
			assertThatExceptionOfType(InvalidResourceIdException.class).as(id)
				.isThrownBy(() -> this.template.create(new Badge(id, null, "ann", "b")))
				.withMessageContaining("Badge");
		}
		assertThatExceptionOfType(InvalidResourceIdException.class)
			.isThrownBy(() -> this.template.findById(Event.class, "tab\tid"))
			.withMessageContaining("'tab\\u0009id'");
		String wide = "名".repeat(400);
		assertThatExceptionOfType(InvalidResourceIdException.class)
			.isThrownBy(() -> this.template.create(new Badge(wide, null, "ann", "b")))
			.withMessageContaining("Invalid id for Badge")
			.withMessageContaining("1206 bytes");
		assertThatExceptionOfType(InvalidResourceIdException.class)
			.isThrownBy(() -> this.template.findAllById(Event.class, List.of("ok", wide)));
		assertThat(dynamo.requests().total()).isZero();
		for (String id : List.of(" ", "with space", "ü名#😀", "x".repeat(512), "名".repeat(339))) {
			assertThat(this.template.create(new Badge(id, null, "ann", "b")).id()).isEqualTo(id);
			assertThat(this.template.findById(Badge.class, id)).as(id).isPresent();
		}
	}

	private Map<String, AttributeValue> stored(String pk, String sk) {
		return dynamo.rawClient()
			.getItem((request) -> request.tableName(dynamo.tableName())
				.key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))
				.consistentRead(true))
			.item();
	}

	interface SingleTableQueryFactory {

		dev.singletable.core.query.SingleTableQuery<Event> create();

	}

	@SingleTableEntity(versioned = true)
	@IndexKey(index = "gsi1", partition = "owner#{owner}")
	record Event(@Id String id, @Version Long version, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt,
			String owner, String title) {

		Event withTitle(String title) {
			return new Event(this.id, this.version, this.createdAt, this.updatedAt, this.owner, title);
		}

	}

	@SingleTableEntity
	@IndexKey(index = "gsi1", partition = "owner#{owner}")
	record Badge(@Id String id, @LastModifiedDate Instant updatedAt, String owner, String name) {

		Badge withName(String name) {
			return new Badge(this.id, this.updatedAt, this.owner, name);
		}

	}

}
