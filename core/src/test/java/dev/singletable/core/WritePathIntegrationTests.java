package dev.singletable.core;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.fixtures.Document;
import dev.singletable.core.fixtures.Note;
import dev.singletable.core.fixtures.Snapshot;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableEntity.Compression;
import dev.singletable.test.BackgroundCleanups;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.FaultInjector;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The versioned and plain write paths: exact version retention, and a stored creation time that no update
 * changes or clears.
 */
class WritePathIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
	}

	// ---- retention -------------------------------------------------------------------------------------

	@Test
	void anUpdateTrimsALongerHistoryToExactlyTheNewestMaxVersions() {
		Document latest = seedHistory(10);

		Document updated = this.template.update(latest.withText("11"));

		assertThat(updated.version()).isEqualTo(11);
		assertThat(sortKeys("Document", latest.id())).containsExactlyInAnyOrder("v0", "v9", "v10", "v11");
		assertThat(this.template.findAllVersions(Document.class, latest.id())).extracting(Document::version)
			.containsExactly(11, 10, 9);
	}

	@Test
	void trimmingMoreThanATransactionHoldsFinishesAndTheNextUpdateIsOneRequestAgain() {
		Document latest = seedHistory(130);
		dynamo.requests().reset();

		Document updated = this.template.update(latest.withText("131"));

		assertThat(sortKeys("Document", latest.id())).containsExactlyInAnyOrder("v0", "v129", "v130", "v131");
		// the write, then after the answer the probe of v127, which finds it: the key query, ceil(127 / 25) batches
		// for v1-v127 and, once they are gone, one for v128, the version the next probe looks at
		assertThat(dynamo.requests().operations()).startsWith("TransactWriteItems", "GetItem", "Query");
		assertThat(dynamo.requests().count("TransactWriteItems")).isEqualTo(1);
		assertThat(dynamo.requests().count("DeleteItem")).isZero();
		assertThat(dynamo.requests().count("Query")).isEqualTo(1);
		assertThat(dynamo.requests().count("BatchWriteItem")).isEqualTo(7);

		dynamo.requests().reset();
		Document next = this.template.update(updated.withText("132"));

		assertThat(sortKeys("Document", latest.id())).containsExactlyInAnyOrder("v0", "v130", "v131", "v132");
		assertThat(dynamo.requests().operations()).containsExactly("TransactWriteItems", "GetItem", "DeleteItem");
		assertThat(next.version()).isEqualTo(132);
	}

	@Test
	void theSteadyStateIsOneRequestBeforeTheAnswerAndThePruneWithItsProbeAfterIt() {
		Document document = this.template.create(Document.of("0"));
		for (int i = 1; i <= 6; i++) {
			dynamo.requests().reset();
			document = this.template.update(document.withText(Integer.toString(i)));
			BackgroundCleanups.await();
			List<String> operations = dynamo.requests().operations();
			assertThat(operations.get(0)).isEqualTo("TransactWriteItems");
			assertThat(operations.subList(1, operations.size()))
				.containsExactlyElementsOf((i >= 4) ? List.of("GetItem", "DeleteItem")
						: (i == 3) ? List.of("DeleteItem") : List.of());
		}

		assertThat(sortKeys("Document", document.id())).containsExactlyInAnyOrder("v0", "v5", "v6", "v7");
		assertThat(dynamo.requests().sent(software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest.class)
			.get(0)
			.transactItems()).satisfiesExactly((history) -> assertThat(history.put()).isNotNull(),
					(latest) -> assertThat(latest.put()).isNotNull());
		assertThat(dynamo.requests().sent(software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest.class)
			.get(0)
			.key()
			.get("sk")
			.s()).isEqualTo("v4");
		assertThat(dynamo.requests().sent(software.amazon.awssdk.services.dynamodb.model.GetItemRequest.class)
			.get(0)
			.key()
			.get("sk")
			.s()).isEqualTo("v3");
	}

	@Test
	void restoringAVersionAlsoTrimsALongerHistory() {
		Document latest = seedHistory(10);

		Document restored = this.template.restoreVersion(Document.class, latest.id(), 9);

		assertThat(restored.version()).isEqualTo(11);
		assertThat(restored.text()).isEqualTo("text 9");
		assertThat(sortKeys("Document", latest.id())).containsExactlyInAnyOrder("v0", "v9", "v10", "v11");
	}

	@Test
	void aStaleWriterOnALongerHistoryGetsAConflictAndNothingIsTrimmed() {
		Document latest = seedHistory(10);
		Document stale = this.template.findVersion(Document.class, latest.id(), 9).orElseThrow();

		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> this.template.update(stale.withText("stale")));

		assertThat(sortKeys("Document", latest.id())).hasSize(11);
	}

	@Test
	void aWriterThatUpdatesWhileAnotherTrimsKeepsItsWindow() {
		Document latest = seedHistory(10);
		SingleTableTemplate other = new SingleTableTemplate(dynamo.rawClient(), dynamo.tableName());
		List<Document> written = new ArrayList<>();
		// between the write of v11 and the query of the trim, another writer writes v12 (its steady-state prune
		// deletes v9); the query is then retried by the SDK
		dynamo.faults().failNext("Query", 1, () -> {
			written.add(other.update(other.getById(Document.class, latest.id()).withText("12")));
			return FaultInjector.throttle();
		});

		Document updated = this.template.update(latest.withText("11"));
		BackgroundCleanups.await();

		assertThat(updated.version()).isEqualTo(11);
		assertThat(written).extracting(Document::version).containsExactly(12);
		assertThat(sortKeys("Document", latest.id())).containsExactlyInAnyOrder("v0", "v10", "v11", "v12");
		assertThat(this.template.getById(Document.class, latest.id()).text()).isEqualTo("12");
	}

	@Test
	void aTrimThatFailsIsDoneAgainByTheNextUpdate() {
		Document latest = seedHistory(60);
		// the trim fails: the write is committed, the older versions stay
		dynamo.faults().failNext("BatchWriteItem", 1000, FaultInjector::serverError);

		Document updated = this.template.update(latest.withText("61"));

		assertThat(updated.version()).isEqualTo(61);
		assertThat(sortKeys("Document", latest.id())).hasSizeGreaterThan(4);
		dynamo.faults().clear();

		Document next = this.template.update(updated.withText("62"));

		assertThat(next.version()).isEqualTo(62);
		assertThat(sortKeys("Document", latest.id())).containsExactlyInAnyOrder("v0", "v60", "v61", "v62");
	}

	@Test
	void aLongerCompressedHistoryIsTrimmedToo() {
		Kept created = this.template.create(new Kept(null, null, null, null, "0"));
		Map<String, AttributeValue> first = raw("Kept#" + created.id(), "v1");
		for (long version = 2; version <= 8; version++) {
			Map<String, AttributeValue> copy = new LinkedHashMap<>(first);
			copy.put("sk", AttributeValue.fromS("v" + version));
			copy.put("version", AttributeValue.fromN(Long.toString(version)));
			put(copy);
		}
		Map<String, AttributeValue> v0 = new LinkedHashMap<>(raw("Kept#" + created.id(), "v0"));
		v0.put("version", AttributeValue.fromN("8"));
		put(v0);

		Kept updated = this.template.update(new Kept(created.id(), 8L, created.createdAt(), created.updatedAt(), "9"));

		assertThat(updated.version()).isEqualTo(9L);
		assertThat(sortKeys("Kept", created.id())).containsExactlyInAnyOrder("v0", "v8", "v9");
	}

	// ---- creation time ---------------------------------------------------------------------------------

	@Test
	void aVersionedCompressedUpdateWithoutTheCreationTimeKeepsTheStoredOne() {
		Note created = this.template.create(Note.of("first"));
		Note unbound = new Note(created.id(), created.version(), null, created.updatedAt(), "second", created.body(),
				created.tags(), created.priority(), created.score(), created.due(), created.meta(), created.items(),
				created.author(), created.remindAt(), created.done());
		dynamo.requests().reset();

		Note updated = this.template.update(unbound);

		assertThat(dynamo.requests().operations()).containsExactly("GetItem", "TransactWriteItems");
		assertThat(updated.createdAt()).isEqualTo(created.createdAt());
		assertThat(this.template.getById(Note.class, created.id()).createdAt()).isEqualTo(created.createdAt());
		assertThat(this.template.findVersion(Note.class, created.id(), 2).orElseThrow().createdAt())
			.isEqualTo(created.createdAt());
	}

	@Test
	void anUpdateCarryingTheCreationTimeIsOneRequest() {
		Note created = this.template.create(Note.of("first"));
		Document document = this.template.create(Document.of("first"));
		dynamo.requests().reset();

		this.template.update(created.withTitle("second"));
		this.template.update(document.withText("second"));

		assertThat(dynamo.requests().operations()).containsExactly("TransactWriteItems", "TransactWriteItems");
	}

	@Test
	void aVersionedUncompressedSaveAndChangesWithoutTheCreationTimeKeepTheStoredOne() {
		Document created = this.template.create(Document.of("first"));
		Document unbound = new Document(created.id(), created.version(), null, created.updatedAt(), "second",
				created.labels(), created.weight());

		Document saved = this.template.save(unbound);
		Document changed = this.template.update(new Document(saved.id(), saved.version(), null, saved.updatedAt(),
				saved.text(), saved.labels(), saved.weight()), Changes.set("text", "third"));

		assertThat(saved.createdAt()).isEqualTo(created.createdAt());
		assertThat(changed.createdAt()).isEqualTo(created.createdAt());
		assertThat(raw("Document#" + created.id(), "v0").get("created_at"))
			.isEqualTo(raw("Document#" + created.id(), "v1").get("created_at"));
		assertThat(this.template.getById(Document.class, created.id()).createdAt()).isEqualTo(created.createdAt());
	}

	@Test
	void aCarriedCreationTimeThatDiffersFromTheStoredOneLosesToIt() {
		Document created = this.template.create(Document.of("first"));
		OffsetDateTime forged = OffsetDateTime.of(2001, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

		Document updated = this.template.update(new Document(created.id(), created.version(), forged,
				created.updatedAt(), "second", created.labels(), created.weight()));

		assertThat(updated.createdAt()).isEqualTo(created.createdAt());
		assertThat(updated.version()).isEqualTo(2);
		assertThat(this.template.getById(Document.class, created.id()).createdAt()).isEqualTo(created.createdAt());
		assertThat(this.template.findVersion(Document.class, created.id(), 2).orElseThrow().createdAt())
			.isEqualTo(created.createdAt());
	}

	@Test
	void aCarriedCreationTimeThatDiffersLosesOnPlainUncompressedItemsToo() {
		Plain created = this.template.create(new Plain(null, null, null, "first"));

		Plain updated = this.template.update(new Plain(created.id(), Instant.parse("2001-01-01T00:00:00Z"),
				created.updatedAt(), "second"));

		assertThat(updated.createdAt()).isEqualTo(created.createdAt());
		assertThat(this.template.getById(Plain.class, created.id())).isEqualTo(updated);
	}

	@Test
	void plainUpdatesWithoutTheCreationTimeKeepTheStoredOne() {
		Plain plain = this.template.create(new Plain(null, null, null, "first"));
		Snapshot snapshot = this.template.create(new Snapshot(null, null, null, "first", List.of(1.0), 3600L));

		Plain updatedPlain = this.template.update(new Plain(plain.id(), null, plain.updatedAt(), "second"));
		Snapshot updatedSnapshot = this.template
			.update(new Snapshot(snapshot.id(), null, snapshot.updatedAt(), "second", snapshot.values(), 3600L));

		assertThat(updatedPlain.createdAt()).isEqualTo(plain.createdAt());
		assertThat(this.template.getById(Plain.class, plain.id()).createdAt()).isEqualTo(plain.createdAt());
		assertThat(updatedSnapshot.createdAt()).isEqualTo(snapshot.createdAt());
		assertThat(this.template.getById(Snapshot.class, snapshot.id()).createdAt()).isEqualTo(snapshot.createdAt());
		// the TTL relative to the creation time stays where it was
		assertThat(raw("Snap#" + snapshot.id(), "Snap#" + snapshot.id()).get("ttl").n())
			.isEqualTo(Long.toString(snapshot.createdAt().getEpochSecond() + 3600));
	}

	@Test
	void putAllReplacingItemsWithoutTheCreationTimeKeepsTheStoredOnes() {
		String storedCreated = "2024-05-06T07:08:09.123456+00:00";
		Plain plain = this.template.create(new Plain(null, null, null, "first"));
		Snapshot snapshot = this.template.create(new Snapshot(null, null, null, "first", List.of(1.0), 3600L));
		Unmapped unmapped = this.template.create(new Unmapped(null, null, "first"));
		Map<String, AttributeValue> item = new LinkedHashMap<>(raw("Unmapped#" + unmapped.id(), "Unmapped#" + unmapped.id()));
		item.put("created_at", AttributeValue.fromS(storedCreated));
		put(item);
		dynamo.requests().reset();

		List<Object> stored = this.template.putAll(List.of(new Plain(plain.id(), null, plain.updatedAt(), "second"),
				new Snapshot(snapshot.id(), null, snapshot.updatedAt(), "second", snapshot.values(), 3600L),
				new Unmapped(unmapped.id(), unmapped.updatedAt(), "second"), new Plain(null, null, null, "new")));

		assertThat(dynamo.requests().operations()).containsExactly("BatchGetItem", "BatchWriteItem");
		assertThat(((Plain) stored.get(0)).createdAt()).isEqualTo(plain.createdAt());
		assertThat(this.template.getById(Plain.class, plain.id()).createdAt()).isEqualTo(plain.createdAt());
		assertThat(((Snapshot) stored.get(1)).createdAt()).isEqualTo(snapshot.createdAt());
		assertThat(this.template.getById(Snapshot.class, snapshot.id()).createdAt()).isEqualTo(snapshot.createdAt());
		assertThat(raw("Snap#" + snapshot.id(), "Snap#" + snapshot.id()).get("ttl").n())
			.isEqualTo(Long.toString(snapshot.createdAt().getEpochSecond() + 3600));
		assertThat(raw("Unmapped#" + unmapped.id(), "Unmapped#" + unmapped.id()).get("created_at").s())
			.isEqualTo(storedCreated);
		assertThat(((Plain) stored.get(3)).createdAt()).isNotNull();

		// entities that carry their creation time cost no read
		dynamo.requests().reset();
		Plain second = (Plain) stored.get(0);
		this.template.putAll(List.of(new Plain(second.id(), second.createdAt(), second.updatedAt(), "third")));
		assertThat(dynamo.requests().operations()).containsExactly("BatchWriteItem");
	}

	@Test
	void restoringAVersionKeepsTheStoredCreationTime() {
		Document created = this.template.create(Document.of("first"));
		Document second = this.template.update(created.withText("second"));

		Document restored = this.template.restoreVersion(Document.class, created.id(), 1);

		assertThat(restored.createdAt()).isEqualTo(created.createdAt());
		assertThat(restored.version()).isEqualTo(3);
		assertThat(second.createdAt()).isEqualTo(created.createdAt());
	}

	@Test
	void typesThatDoNotMapTheCreationTimeKeepTheStoredOne() {
		String storedCreated = "2024-05-06T07:08:09.123456+00:00";
		Unmapped plain = this.template.create(new Unmapped(null, null, "first"));
		Map<String, AttributeValue> item = new LinkedHashMap<>(raw("Unmapped#" + plain.id(), "Unmapped#" + plain.id()));
		assertThat(item).containsKey("created_at");
		item.put("created_at", AttributeValue.fromS(storedCreated));
		put(item);
		UnmappedVersioned versioned = this.template.create(new UnmappedVersioned(null, null, null, "first"));
		String pk = "UnmappedVersioned#" + versioned.id();
		Instant versionedCreated = this.template.getConverter().readCreatedAt(raw(pk, "v0"));
		assertThat(versionedCreated).isNotNull();

		this.template.update(new Unmapped(plain.id(), plain.updatedAt(), "second"));
		this.template.update(new UnmappedVersioned(versioned.id(), 1L, versioned.updatedAt(), "second"));

		assertThat(raw("Unmapped#" + plain.id(), "Unmapped#" + plain.id()).get("created_at").s())
			.isEqualTo(storedCreated);
		assertThat(this.template.getConverter().readCreatedAt(raw(pk, "v0"))).isEqualTo(versionedCreated);
		assertThat(this.template.getConverter().readCreatedAt(raw(pk, "v2"))).isEqualTo(versionedCreated);
	}

	// ---- helpers ---------------------------------------------------------------------------------------

	/**
	 * Stores versions 1 to {@code count} of a document and {@code v0} as a copy of the last, as a writer that
	 * never prunes would leave them, and returns the latest.
	 */
	private Document seedHistory(int count) {
		Document created = this.template.create(Document.of("text 1"));
		String pk = "Document#" + created.id();
		Map<String, AttributeValue> first = raw(pk, "v1");
		Map<String, AttributeValue> latest = raw(pk, "v0");
		List<Map<String, AttributeValue>> items = new ArrayList<>();
		LongStream.rangeClosed(2, count).forEach((version) -> {
			Map<String, AttributeValue> copy = new LinkedHashMap<>(first);
			copy.put("sk", AttributeValue.fromS("v" + version));
			copy.put("version", AttributeValue.fromN(Long.toString(version)));
			copy.put("text", AttributeValue.fromS("text " + version));
			items.add(copy);
		});
		items.forEach(this::put);
		Map<String, AttributeValue> v0 = new LinkedHashMap<>(latest);
		v0.put("version", AttributeValue.fromN(Integer.toString(count)));
		v0.put("text", AttributeValue.fromS("text " + count));
		put(v0);
		assertThat(sortKeys("Document", created.id())).hasSize(count + 1);
		return this.template.getById(Document.class, created.id());
	}

	private Map<String, AttributeValue> raw(String pk, String sk) {
		return dynamo.storedItem(pk, sk);
	}

	private void put(Map<String, AttributeValue> item) {
		dynamo.rawClient().putItem((request) -> request.tableName(dynamo.tableName()).item(item));
	}

	private List<String> sortKeys(String prefix, String id) {
		// the prune of a version leaving the window runs after the answer
		BackgroundCleanups.await();
		return dynamo.sortKeys(prefix + "#" + id);
	}

	/** A versioned, compressed type keeping two versions. */
	@SingleTableEntity(prefix = "Kept", versioned = true, maxVersions = 2)
	record Kept(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String text) {
	}

	/** A plain, uncompressed type. */
	@SingleTableEntity(prefix = "Plain")
	record Plain(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt, String text) {
	}

	/** A plain, uncompressed type that does not map its creation time. */
	@SingleTableEntity(prefix = "Unmapped")
	record Unmapped(@Id String id, @LastModifiedDate Instant updatedAt, String text) {
	}

	/** A versioned, compressed type that does not map its creation time. */
	@SingleTableEntity(prefix = "UnmappedVersioned", versioned = true, compression = Compression.ENABLED)
	record UnmappedVersioned(@Id String id, @Version Long version, @LastModifiedDate Instant updatedAt, String text) {
	}

}
