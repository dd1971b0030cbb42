package dev.singletable.core;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.fixtures.Document;
import dev.singletable.core.fixtures.Note;
import dev.singletable.core.fixtures.Profile;
import dev.singletable.core.fixtures.Snapshot;
import dev.singletable.test.BackgroundCleanups;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SingleTableTemplateIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
	}

	@Test
	void versionedCompressedRecordRoundTripsEveryFieldType() {
		Note created = this.template.create(Note.of("first"));

		assertThat(created.id()).hasSize(26);
		assertThat(created.version()).isEqualTo(1L);
		assertThat(created.createdAt()).isNotNull().isEqualTo(created.updatedAt());
		Note read = this.template.getById(Note.class, created.id());
		assertThat(read).isEqualTo(created);
		assertThat(read.meta()).containsEntry("n", 5);
		assertThat(read.remindAt()).isEqualTo(Instant.parse("2025-02-01T10:15:30.123456Z"));
		assertThat(read.due()).isEqualTo(LocalDate.of(2025, 1, 31));
		assertThat(read.done()).isNull();
	}

	@Test
	void versionedUncompressedRecordRoundTrips() {
		Document created = this.template.create(Document.of("hello"));

		Document read = this.template.getById(Document.class, created.id());

		assertThat(read).isEqualTo(created);
		assertThat(read.labels()).containsExactly("draft");
		assertThat(read.weight()).isEqualTo(1.5);
		assertThat(read.createdAt().getOffset().getTotalSeconds()).isZero();
	}

	@Test
	void plainUncompressedBeanRoundTripsEveryFieldType() {
		Profile profile = new Profile("Ann");
		profile.setVisits(Long.MAX_VALUE);
		profile.setRatio(0.25f);
		profile.setBalance(new BigDecimal("12345678901234567890.123456789"));
		profile.setActive(true);
		profile.setBirthday(LocalDate.of(1990, 5, 17));
		profile.setRoles(Set.of("admin", "user"));
		profile.setHistory(List.of("a", 1, true, Map.of("x", List.of(1, 2))));
		profile.setSettings(Map.of("theme", "dark", "nested", Map.of("level", 2, "off", false)));
		profile.setAvatar(new byte[] { 1, 2, 3 });

		Profile created = this.template.create(profile);
		Profile read = this.template.getById(Profile.class, created.getId());

		assertThat(read.getName()).isEqualTo("Ann");
		assertThat(read.getVisits()).isEqualTo(Long.MAX_VALUE);
		assertThat(read.getRatio()).isEqualTo(0.25f);
		assertThat(read.getBalance()).isEqualByComparingTo("12345678901234567890.123456789");
		assertThat(read.isActive()).isTrue();
		assertThat(read.getBirthday()).isEqualTo(LocalDate.of(1990, 5, 17));
		assertThat(read.getRoles()).containsExactlyInAnyOrder("admin", "user");
		assertThat(read.getHistory()).containsExactly("a", 1, true, Map.of("x", List.of(1, 2)));
		assertThat(read.getSettings()).containsEntry("theme", "dark")
			.containsEntry("nested", Map.of("level", 2, "off", false));
		assertThat(read.getNickname()).isNull();
		assertThat(read.getAvatar()).containsExactly(1, 2, 3);
		assertThat(read.getCreatedAt()).isEqualTo(created.getCreatedAt());
	}

	@Test
	void plainEmptySetReadsBackEmpty() {
		Profile created = this.template.create(new Profile("NoRoles"));

		assertThat(this.template.getById(Profile.class, created.getId()).getRoles()).isEmpty();
	}

	@Test
	void plainCompressedRecordRoundTripsAndUpdates() {
		Snapshot created = this.template.create(new Snapshot(null, null, null, "one", List.of(1.5, 2.25), 3600L));

		Snapshot updated = this.template.update(created.withLabel("two"));

		assertThat(this.template.getById(Snapshot.class, created.id())).isEqualTo(updated);
		assertThat(updated.createdAt()).isEqualTo(created.createdAt());
		assertThat(updated.updatedAt()).isAfterOrEqualTo(created.updatedAt());
	}

	@Test
	void updateWritesNextVersionAndKeepsHistory() {
		Note v1 = this.template.create(Note.of("v1"));
		Note v2 = this.template.update(v1.withTitle("v2"));
		Note v3 = this.template.update(v2.withTitle("v3"));

		assertThat(v3.version()).isEqualTo(3L);
		assertThat(v3.createdAt()).isEqualTo(v1.createdAt());
		assertThat(this.template.getById(Note.class, v1.id()).title()).isEqualTo("v3");
		assertThat(this.template.findVersion(Note.class, v1.id(), 1)).get().extracting(Note::title).isEqualTo("v1");
		assertThat(this.template.findVersion(Note.class, v1.id(), 2)).contains(v2);
		assertThat(this.template.findAllVersions(Note.class, v1.id())).extracting(Note::title)
			.containsExactly("v3", "v2", "v1");
	}

	@Test
	void versionsBeyondTenAreOrderedNumerically() {
		Note note = this.template.create(Note.of("0"));
		for (int i = 1; i <= 11; i++) {
			note = this.template.update(note.withTitle(Integer.toString(i)));
		}

		List<Note> versions = this.template.findAllVersions(Note.class, note.id());

		assertThat(versions).extracting(Note::version)
			.containsExactlyElementsOf(IntStream.rangeClosed(1, 12).mapToObj((i) -> (long) (13 - i)).toList());
		assertThat(versions.get(0).title()).isEqualTo("11");
	}

	@Test
	void maxVersionsKeepsExactlyTheNewestAfterThirteenUpdatesPruningAfterEachUpdate() {
		Document document = this.template.create(Document.of("0"));
		dynamo.requests().reset();
		for (int i = 1; i <= 13; i++) {
			document = this.template.update(document.withText(Integer.toString(i)));
		}
		BackgroundCleanups.await();

		// one transaction per update; after the answers, v4..v14 each prune the version leaving the window of 3
		// (v1..v11), probing the one below it first when there is one (v1..v10)
		assertThat(dynamo.requests().count("TransactWriteItems")).isEqualTo(13);
		assertThat(dynamo.requests().count("DeleteItem")).isEqualTo(11);
		assertThat(dynamo.requests().count("GetItem")).isEqualTo(10);
		assertThat(dynamo.requests().total()).isEqualTo(13 + 11 + 10);
		assertThat(storedSortKeys(Document.class.getSimpleName(), document.id()))
			.containsExactlyInAnyOrder("v0", "v12", "v13", "v14");
		assertThat(this.template.findAllVersions(Document.class, document.id())).extracting(Document::text)
			.containsExactly("13", "12", "11");
	}

	@Test
	void versionedCreateUpdateAndReadAreOneRequestEach() {
		dynamo.requests().reset();
		Note created = this.template.create(Note.of("count"));
		assertThat(dynamo.requests().total()).isEqualTo(1);
		assertThat(dynamo.requests().count("TransactWriteItems")).isEqualTo(1);

		dynamo.requests().reset();
		Note updated = this.template.update(created.withTitle("counted"));
		assertThat(dynamo.requests().total()).isEqualTo(1);

		dynamo.requests().reset();
		assertThat(this.template.findById(Note.class, updated.id())).contains(updated);
		assertThat(dynamo.requests().total()).isEqualTo(1);
		assertThat(dynamo.requests().count("GetItem")).isEqualTo(1);
	}

	@Test
	void updateFromStaleVersionFailsWithConflictAndWritesNothing() {
		Note v1 = this.template.create(Note.of("base"));
		Note v2 = this.template.update(v1.withTitle("winner"));

		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> this.template.update(v1.withTitle("loser")))
			.satisfies((ex) -> {
				assertThat(ex.getExpected()).isEqualTo(1L);
				assertThat(ex.getId()).isEqualTo(v1.id());
			})
			.withMessageContaining("Note '" + v1.id() + "'");

		assertThat(this.template.getById(Note.class, v1.id())).isEqualTo(v2);
		assertThat(storedSortKeys("Note", v1.id())).containsExactlyInAnyOrder("v0", "v1", "v2");
	}

	@Test
	void updateOfMissingResourceFailsAsNotFound() {
		Note ghost = Note.of("ghost");
		Note stored = this.template.create(ghost);
		this.template.deleteById(Note.class, stored.id());

		assertThatExceptionOfType(NoSuchResourceException.class)
			.isThrownBy(() -> this.template.update(stored.withTitle("again")));
	}

	@Test
	void plainUpdateIsOptimisticOnModificationTime() {
		Profile created = this.template.create(new Profile("Bob"));
		Profile stale = this.template.getById(Profile.class, created.getId());
		created.setName("Bobby");
		this.template.update(created);

		stale.setName("Robert");
		assertThatExceptionOfType(VersionConflictException.class).isThrownBy(() -> this.template.update(stale));
		assertThat(this.template.getById(Profile.class, created.getId()).getName()).isEqualTo("Bobby");
	}

	@Test
	void duplicateCreateFailsForVersionedAndPlain() {
		Note note = this.template.create(Note.of("dup"));
		assertThatExceptionOfType(DuplicateResourceException.class)
			.isThrownBy(() -> this.template.create(withId(Note.of("again"), note.id())))
			.withMessageContaining(note.id());
		assertThat(this.template.getById(Note.class, note.id()).title()).isEqualTo("dup");

		Profile profile = this.template.create(new Profile("p"));
		Profile copy = new Profile("other");
		copy.setId(profile.getId());
		assertThatExceptionOfType(DuplicateResourceException.class).isThrownBy(() -> this.template.create(copy));
		assertThat(this.template.getById(Profile.class, profile.getId()).getName()).isEqualTo("p");
	}

	@Test
	void restoreWritesOldContentAsNewVersion() {
		Note v1 = this.template.create(Note.of("original"));
		Note v2 = this.template.update(v1.withTitle("changed"));

		Note restored = this.template.restoreVersion(Note.class, v1.id(), 1);

		assertThat(restored.version()).isEqualTo(3L);
		assertThat(restored.title()).isEqualTo("original");
		assertThat(restored.createdAt()).isEqualTo(v1.createdAt());
		assertThat(restored.updatedAt()).isAfterOrEqualTo(v2.updatedAt());
		assertThat(this.template.findAllVersions(Note.class, v1.id())).extracting(Note::title)
			.containsExactly("original", "changed", "original");
		assertThatExceptionOfType(NoSuchResourceException.class)
			.isThrownBy(() -> this.template.restoreVersion(Note.class, v1.id(), 9));
	}

	@Test
	void deleteOneVersionKeepsOthersAndDeletingLatestRemovesV0() {
		Note v1 = this.template.create(Note.of("a"));
		Note v2 = this.template.update(v1.withTitle("b"));
		Note v3 = this.template.update(v2.withTitle("c"));

		assertThat(this.template.deleteVersion(Note.class, v1.id(), 2)).isTrue();
		assertThat(storedSortKeys("Note", v1.id())).containsExactlyInAnyOrder("v0", "v1", "v3");
		assertThat(this.template.getById(Note.class, v1.id())).isEqualTo(v3);

		assertThat(this.template.deleteVersion(Note.class, v1.id(), 3)).isTrue();
		assertThat(storedSortKeys("Note", v1.id())).containsExactly("v1");
		assertThat(this.template.findById(Note.class, v1.id())).isEmpty();
		assertThat(this.template.deleteVersion(Note.class, v1.id(), 3)).isFalse();
	}

	@Test
	void deleteByIdRemovesEveryVersionAcrossPages() {
		Note note = this.template.create(Note.of(randomText(180_000)));
		for (int i = 0; i < 5; i++) {
			note = this.template.update(note.withTitle(randomText(180_000)));
		}
		assertThat(storedSortKeys("Note", note.id())).hasSize(7);

		assertThat(this.template.deleteById(Note.class, note.id())).isTrue();

		assertThat(storedSortKeys("Note", note.id())).isEmpty();
		assertThat(this.template.deleteById(Note.class, note.id())).isFalse();
	}

	@Test
	void deleteEntityIsOptimistic() {
		Note v1 = this.template.create(Note.of("x"));
		Note v2 = this.template.update(v1.withTitle("y"));

		assertThatExceptionOfType(VersionConflictException.class).isThrownBy(() -> this.template.delete(v1));
		assertThat(this.template.findById(Note.class, v1.id())).isPresent();

		this.template.delete(v2);
		assertThat(storedSortKeys("Note", v1.id())).isEmpty();
	}

	@Test
	void partialUpdateSetsAndClearsProperties() {
		Note note = this.template.create(Note.of("partial"));

		Note changed = this.template.update(note, Changes.set("title", "patched").and("priority", 9).clear("author"));

		Note read = this.template.getById(Note.class, note.id());
		assertThat(read).isEqualTo(changed);
		assertThat(read.title()).isEqualTo("patched");
		assertThat(read.priority()).isEqualTo(9);
		assertThat(read.author()).isNull();
		assertThat(read.body()).isEqualTo(note.body());
		assertThat(read.version()).isEqualTo(2L);
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.template.update(read, Changes.set("nope", 1)))
			.withMessageContaining("'nope'");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.template.update(read, Changes.set("version", 7)))
			.withMessageContaining("system property");
	}

	@Test
	void saveCreatesNewAndUpdatesExisting() {
		Note created = this.template.save(Note.of("s"));
		Note updated = this.template.save(created.withTitle("s2"));

		assertThat(created.version()).isEqualTo(1L);
		assertThat(updated.version()).isEqualTo(2L);
	}

	@Test
	void invalidIdsAreRejectedBeforeAnyRequest() {
		dynamo.requests().reset();
		for (String id : List.of("", "x".repeat(513), "tab\tid")) {
			assertThatExceptionOfType(InvalidResourceIdException.class)
				.isThrownBy(() -> this.template.create(withId(Note.of("bad"), id)))
				.withMessageContaining("Note");
			assertThatExceptionOfType(InvalidResourceIdException.class)
				.isThrownBy(() -> this.template.findById(Note.class, id));
		}
		assertThat(dynamo.requests().total()).isZero();
	}

	@Test
	void oversizedItemIsRejectedNamingTypeIdAndSize() {
		Profile profile = new Profile(bigText(420_000));
		profile.setId("big-one");

		assertThatExceptionOfType(ItemTooLargeException.class).isThrownBy(() -> this.template.create(profile))
			.withMessageContaining("Profile 'big-one'")
			.satisfies((ex) -> assertThat(ex.getSize()).isGreaterThan(ItemTooLargeException.MAX_ITEM_BYTES));
		assertThat(this.template.findById(Profile.class, "big-one")).isEmpty();
	}

	@Test
	void compressionKeepsLargeRepetitiveDocumentsUnderTheLimit() {
		Note note = this.template.create(Note.of(bigText(600_000)));

		assertThat(this.template.getById(Note.class, note.id()).title()).hasSize(600_000);
	}

	private List<String> storedSortKeys(String prefix, String id) {
		return dynamo.rawClient()
			.queryPaginator((request) -> request.tableName(dynamo.tableName())
				.keyConditionExpression("pk = :pk")
				.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(prefix + "#" + id))))
			.items()
			.stream()
			.map((item) -> item.get("sk").s())
			.toList();
	}

	private static String bigText(int length) {
		StringBuilder text = new StringBuilder(length);
		while (text.length() < length) {
			text.append("lorem ipsum dolor sit amet ");
		}
		return text.substring(0, length);
	}

	private static String randomText(int length) {
		byte[] bytes = new byte[length * 3 / 4];
		new java.util.Random(length).nextBytes(bytes);
		return java.util.Base64.getEncoder().encodeToString(bytes);
	}

	private static Note withId(Note note, String id) {
		return new Note(id, note.version(), note.createdAt(), note.updatedAt(), note.title(), note.body(), note.tags(),
				note.priority(), note.score(), note.due(), note.meta(), note.items(), note.author(), note.remindAt(),
				note.done());
	}

}
