package dev.singletable.core.reactive;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.Changes;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.fixtures.Document;
import dev.singletable.core.fixtures.Note;
import dev.singletable.core.fixtures.Snapshot;
import dev.singletable.core.fixtures.Task;
import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.internal.audit.AuditItems;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.test.BackgroundCleanups;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.MutableClock;
import dev.singletable.test.RequestCounter;
import dev.singletable.test.S3LocalExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The items each template writes are byte-identical: the same writes (fixed clock, fixed ids) run once through the
 * blocking template and once through the reactive one, on an emptied table, leave exactly the same items — every
 * attribute of every item of the table, the gzip {@code data} included, except the one that must differ: the
 * per-write token of a plain item — and, for types with blob properties, the same S3 objects (keys, bytes, user
 * metadata, content type).
 */
class SameItemsBothTemplatesIntegrationTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.123456Z");

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	@RegisterExtension
	static S3LocalExtension s3 = new S3LocalExtension();

	private static DynamoDbAsyncClient client;

	@BeforeAll
	static void startClient() {
		client = DynamoDbLocal.newAsyncClient();
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	@Test
	void bothTemplatesWriteTheSameItems() {
		SingleTableTemplate blocking = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		blocking.setClock(new MutableClock(NOW));
		Map<String, Map<String, AttributeValue>> written = itemsAfter(TemplateOps.blocking(blocking));
		dynamo.emptyTable();
		ReactiveSingleTableTemplate reactive = new ReactiveSingleTableTemplate(client, dynamo.tableName());
		reactive.setClock(new MutableClock(NOW));
		Map<String, Map<String, AttributeValue>> writtenReactively = itemsAfter(TemplateOps.reactive(reactive));

		assertThat(written).containsOnlyKeys("Note#same|v0", "Note#same|v1", "Note#same|v2", "Note#same|v3",
				"Note#same|v4", "Task#t1|Task#t1", "Snap#s1|Snap#s1", "Document#d1|v0", "Document#d1|v3",
				"Document#d1|v4", "Document#d1|v5");
		// a plain item's _version_token is unique per write (a retried put recognizes its own attempt by it): the
		// one attribute that must differ; it is there on both sides, a ULID each
		for (String plain : List.of("Task#t1|Task#t1", "Snap#s1|Snap#s1")) {
			String token = written.get(plain).remove(ItemAttributes.VERSION_TOKEN).s();
			String reactiveToken = writtenReactively.get(plain).remove(ItemAttributes.VERSION_TOKEN).s();
			assertThat(token).hasSize(26);
			assertThat(reactiveToken).hasSize(26).isNotEqualTo(token);
		}
		assertThat(writtenReactively).isEqualTo(written);
	}

	@Test
	void bothTemplatesWriteTheSameItemsForBatchesAtomicUpdatesUpsertsVersionDeletesAndCounts() {
		SingleTableTemplate blocking = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		blocking.setClock(new MutableClock(NOW));
		Map<String, Map<String, AttributeValue>> written = otherItemsAfter(TemplateOps.blocking(blocking));
		dynamo.emptyTable();
		ReactiveSingleTableTemplate reactive = new ReactiveSingleTableTemplate(client, dynamo.tableName());
		reactive.setClock(new MutableClock(NOW));
		Map<String, Map<String, AttributeValue>> writtenReactively = otherItemsAfter(TemplateOps.reactive(reactive));

		assertThat(written).containsOnlyKeys("Task#b1|Task#b1", "Task#b3|Task#b3", "Snap#u1|Snap#u1", "Note#nv|v0",
				"Note#nv|v2", "Note#nv|v3", "Document#dv|v1", "_INTERNAL#MemoryStats|_INTERNAL#MemoryStats");
		assertThat(written.get("_INTERNAL#MemoryStats|_INTERNAL#MemoryStats").get("counts_by_type").m())
			.containsOnly(Map.entry("Note", AttributeValue.fromN("1")), Map.entry("Task", AttributeValue.fromN("0")),
					Map.entry("Document", AttributeValue.fromN("0")));
		for (String plain : List.of("Task#b1|Task#b1", "Task#b3|Task#b3", "Snap#u1|Snap#u1")) {
			String token = written.get(plain).remove(ItemAttributes.VERSION_TOKEN).s();
			String reactiveToken = writtenReactively.get(plain).remove(ItemAttributes.VERSION_TOKEN).s();
			assertThat(token).hasSize(26);
			assertThat(reactiveToken).hasSize(26).isNotEqualTo(token);
		}
		assertThat(writtenReactively).isEqualTo(written);
	}

	@Test
	void bothTransactionsWriteTheSameItems() {
		SingleTableTemplate blocking = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		blocking.setClock(new MutableClock(NOW));
		Map<String, Map<String, AttributeValue>> written = itemsAfterTransactions(TransactionOps.blocking(blocking,
				new SingleTableTemplate(dynamo.client(), dynamo.tableName()), dynamo.requests()));
		dynamo.emptyTable();
		ReactiveSingleTableTemplate reactive = new ReactiveSingleTableTemplate(client, dynamo.tableName());
		reactive.setClock(new MutableClock(NOW));
		Map<String, Map<String, AttributeValue>> writtenReactively = itemsAfterTransactions(TransactionOps
			.reactive(reactive, new ReactiveSingleTableTemplate(client, dynamo.tableName()), new RequestCounter()));

		assertThat(written).containsOnlyKeys("Note#tx|v0", "Note#tx|v1", "Note#tx|v2", "Document#dtx|v0",
				"Document#dtx|v3", "Document#dtx|v4", "Document#dtx|v5", "Stock#st|Stock#st");
		assertThat(written.get("Stock#st|Stock#st").get("count").n()).isEqualTo("9");
		for (String plain : List.of("Stock#st|Stock#st")) {
			assertThat(written.get(plain).remove(ItemAttributes.VERSION_TOKEN)).isNotNull();
			assertThat(writtenReactively.get(plain).remove(ItemAttributes.VERSION_TOKEN)).isNotNull();
		}
		assertThat(writtenReactively).isEqualTo(written);
	}

	@Test
	void bothTemplatesWriteTheSameAuditedItemsAndAuditRows() {
		SingleTableTemplate blocking = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		blocking.setClock(new MutableClock(NOW));
		TemplateOps blockingOps = TemplateOps.blocking(blocking);
		Map<String, Map<String, AttributeValue>> written = auditedItemsAfter(blockingOps);
		dynamo.emptyTable();
		ReactiveSingleTableTemplate reactive = new ReactiveSingleTableTemplate(client, dynamo.tableName());
		reactive.setClock(new MutableClock(NOW));
		Map<String, Map<String, AttributeValue>> writtenReactively = auditedItemsAfter(TemplateOps.reactive(reactive));

		assertThat(written).containsOnlyKeys("Ledger#l1|v0", "Ledger#l1|v1", "Ledger#l1|v2", "Ledger#l1|v3", "Badge#b1|Badge#b1",
				"row 1", "row 2", "row 3", "row 4", "row 5", "row 6", "row 7");
		String token = written.get("Badge#b1|Badge#b1").remove(ItemAttributes.VERSION_TOKEN).s();
		assertThat(writtenReactively.get("Badge#b1|Badge#b1").remove(ItemAttributes.VERSION_TOKEN).s()).hasSize(26)
			.isNotEqualTo(token);
		assertThat(writtenReactively).isEqualTo(written);
	}

	/**
	 * Batch puts and deletes, atomic updates, upserts, then, with per-type counts kept, creates, deletes and deletes
	 * of versions; then every item of the table by {@code pk|sk}.
	 */
	private static Map<String, Map<String, AttributeValue>> otherItemsAfter(TemplateOps ops) {
		ops.putAll(List.of(task("b1"), task("b2"), task("b3")));
		ops.deleteAllById(Task.class, List.of("b2"));
		ops.increment(Task.class, "b1", "views", 5);
		ops.increment(Task.class, "b1", "counts.c", 2);
		ops.addToSet(Task.class, "b1", "tags", "y", "z");
		ops.removeFromSet(Task.class, "b1", "tags", "x");
		ops.appendToList(Task.class, "b1", "log", "b", "c");
		ops.save(new Snapshot("u1", null, null, "one", List.of(1.5), 3600L));
		ops.save(new Snapshot("u1", null, null, "two", List.of(2.5), 3600L));
		ops.setTrackCounts(true);
		Note note = ops.create(new Note("nv", null, null, null, "v1", "body", Set.of("a"), 3, 0.25,
				LocalDate.of(2026, 1, 2), Map.of("k", "v"), List.of("x"), new Note.Author("Ann", "ann@example.com"),
				Instant.parse("2026-02-01T10:15:30.123456Z"), true));
		note = ops.update(note.withTitle("v2"));
		ops.update(note.withTitle("v3"));
		ops.deleteVersion(Note.class, "nv", 1);
		ops.create(task("gone"));
		ops.deleteById(Task.class, "gone");
		ops.deleteAllById(Task.class, List.of("b3", "missing"));
		ops.create(new Task("b3", null, null, "again", Task.Status.OPEN, "zoe", null, 1, 0, Set.of(), List.of(),
				Map.of()));
		Document doc = ops.create(new Document("dv", null, null, null, "1", Set.of("draft"), 1.5));
		ops.update(doc.withText("2"));
		ops.deleteVersion(Document.class, "dv", 2);
		return table();
	}

	private static Task task(String id) {
		return new Task(id, null, null, "write " + id, Task.Status.OPEN, "zoe", LocalDate.of(2026, 3, 4), 2, 7,
				Set.of("x"), List.of("a"), Map.of("c", 1L));
	}

	/**
	 * Transactions of creates, updates (a history longer than the window trimmed), an increment and a delete,
	 * then every item of the table by {@code pk|sk}.
	 */
	private static Map<String, Map<String, AttributeValue>> itemsAfterTransactions(TransactionOps ops) {
		AtomicReference<Note> note = new AtomicReference<>();
		AtomicReference<Document> doc = new AtomicReference<>();
		ops.transaction((tx) -> {
			note.set(tx.create(new Note("tx", null, null, null, "v1", "body", Set.of("a"), 3, 0.25, null, null, null,
					null, null, null)));
			doc.set(tx.create(new Document("dtx", null, null, null, "1", Set.of("draft"), 1.5)));
			tx.create(new TransactionBehaviourSuite.Stock("st", 10));
			tx.create(new TransactionBehaviourSuite.Stock("gone", 1));
		});
		for (int i = 2; i <= 5; i++) {
			String text = Integer.toString(i);
			ops.transaction((tx) -> doc.set(tx.update(doc.get().withText(text))));
		}
		ops.transaction((tx) -> {
			note.set(tx.update(note.get().withTitle("v2")));
			tx.increment(TransactionBehaviourSuite.Stock.class, "st", "count", -1);
			tx.deleteById(TransactionBehaviourSuite.Stock.class, "gone");
		});
		return table();
	}

	/**
	 * Audited writes of every kind, then every item of the table: the resources' by {@code pk|sk}, the audit rows as
	 * {@code row n} in the order their ids sort, each ULID they carry (row id, transaction id) cut to its time part
	 * (the clock is fixed; the rest is random).
	 */
	private static Map<String, Map<String, AttributeValue>> auditedItemsAfter(TemplateOps ops) {
		ops.setAuditor(() -> "alice");
		ops.setAuditMetadata(Map.of("host", "h1"));
		TemplateBehaviourSuite.Ledger ledger = ops
			.create(new TemplateBehaviourSuite.Ledger("l1", null, null, null, "a@example.com", "s1", 5));
		ledger = ops.update(ledger.withEmail("b@example.com", "s2"));
		ops.restoreVersion(TemplateBehaviourSuite.Ledger.class, "l1", 1);
		TemplateBehaviourSuite.Badge badge = ops.create(new TemplateBehaviourSuite.Badge("b1", null, "gold"));
		ops.update(new TemplateBehaviourSuite.Badge("b1", badge.version(), "silver"));
		ops.create(new TemplateBehaviourSuite.Badge("b2", null, "bronze"));
		ops.deleteById(TemplateBehaviourSuite.Badge.class, "b2");
		Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
		int[] row = { 0 };
		table().forEach((key, item) -> {
			if (!AuditItems.isAuditItem(item)) {
				items.put(key, item);
				return;
			}
			row[0]++;
			for (String ulid : List.of(ItemAttributes.PK, ItemAttributes.SK, ItemAttributes.RESOURCE_ID)) {
				item.put(ulid, AttributeValue.fromS(timePart(item.get(ulid).s())));
			}
			Map<String, AttributeValue> metadata = new TreeMap<>(item.get(AuditItems.METADATA).m());
			metadata.put(AuditEntry.TRANSACTION_ID,
					AttributeValue.fromS(timePart(metadata.get(AuditEntry.TRANSACTION_ID).s())));
			item.put(AuditItems.METADATA, AttributeValue.fromM(metadata));
			items.put("row " + row[0], item);
		});
		return items;
	}

	/** A text ending with a ULID, the ULID cut to its time part. */
	private static String timePart(String text) {
		assertThat(text).hasSizeGreaterThanOrEqualTo(26);
		return text.substring(0, text.length() - 16) + "~";
	}

	@Test
	void bothTemplatesWriteTheSameBlobItemsAndObjects() {
		SingleTableTemplate blocking = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		blocking.setClock(new MutableClock(NOW));
		TemplateOps blockingOps = TemplateOps.blocking(blocking);
		blockingOps.useBlobStorage(s3.bucket(), "blobs/");
		Map<String, Map<String, AttributeValue>> written = blobItemsAfter(blockingOps);
		Map<String, ResponseBytes<GetObjectResponse>> objects = objects();
		dynamo.emptyTable();
		objects.keySet().forEach((key) -> s3.rawClient().deleteObject((request) -> request.bucket(s3.bucket()).key(key)));
		ReactiveSingleTableTemplate reactive = new ReactiveSingleTableTemplate(client, dynamo.tableName());
		reactive.setClock(new MutableClock(NOW));
		TemplateOps reactiveOps = TemplateOps.reactive(reactive);
		reactiveOps.useBlobStorage(s3.bucket(), "blobs/");
		Map<String, Map<String, AttributeValue>> writtenReactively = blobItemsAfter(reactiveOps);
		Map<String, ResponseBytes<GetObjectResponse>> objectsReactively = objects();

		assertThat(written).containsOnlyKeys("Sheet#x1|v0", "Sheet#x1|v1", "Sheet#x1|v2", "Sheet#x1|v3", "Sheet#x1|v4",
				"Avatar#y1|Avatar#y1");
		String token = written.get("Avatar#y1|Avatar#y1").remove(ItemAttributes.VERSION_TOKEN).s();
		assertThat(writtenReactively.get("Avatar#y1|Avatar#y1").remove(ItemAttributes.VERSION_TOKEN).s())
			.isNotEqualTo(token);
		assertThat(writtenReactively).isEqualTo(written);
		assertThat(objects).containsOnlyKeys("blobs/Sheet/x1/v1/body", "blobs/Sheet/x1/v1/raw", "blobs/Sheet/x1/v3/body",
				"blobs/Avatar/y1/image");
		assertThat(objectsReactively).containsOnlyKeys(objects.keySet());
		objects.forEach((key, object) -> {
			ResponseBytes<GetObjectResponse> reactively = objectsReactively.get(key);
			assertThat(reactively.asByteArray()).as(key).isEqualTo(object.asByteArray());
			assertThat(reactively.response().metadata()).as(key).isEqualTo(object.response().metadata());
			assertThat(reactively.response().contentType()).as(key).isEqualTo(object.response().contentType());
		});
	}

	/** Blob writes of every kind, then every item of the table by {@code pk|sk}. */
	private static Map<String, Map<String, AttributeValue>> blobItemsAfter(TemplateOps ops) {
		TemplateBehaviourSuite.Sheet sheet = ops.create(new TemplateBehaviourSuite.Sheet("x1", null, "t1",
				Map.of("cells", List.of(1, 2)), new byte[] { 1, 2, 3 }));
		sheet = ops.update(new TemplateBehaviourSuite.Sheet("x1", sheet.version(), "t2", null, null));
		ops.update(new TemplateBehaviourSuite.Sheet("x1", sheet.version(), "t3", Map.of("cells", List.of(3)), null));
		ops.restoreVersion(TemplateBehaviourSuite.Sheet.class, "x1", 1);
		TemplateBehaviourSuite.Avatar avatar = ops
			.create(new TemplateBehaviourSuite.Avatar("y1", null, new byte[] { 9 }, new byte[] { 8 }));
		ops.update(new TemplateBehaviourSuite.Avatar("y1", avatar.version(), new byte[] { 7 }, null),
				Changes.clearing("thumbnail"));
		return table();
	}

	private static Map<String, ResponseBytes<GetObjectResponse>> objects() {
		Map<String, ResponseBytes<GetObjectResponse>> objects = new TreeMap<>();
		for (String key : s3.keys()) {
			objects.put(key, s3.rawClient().getObjectAsBytes((request) -> request.bucket(s3.bucket()).key(key)));
		}
		return objects;
	}

	/** Writes of every kind, then every item of the table by {@code pk|sk}. */
	private static Map<String, Map<String, AttributeValue>> itemsAfter(TemplateOps ops) {
		Note note = ops.create(new Note("same", null, null, null, "v1", "body", Set.of("a", "b"), 3, 0.25,
				LocalDate.of(2026, 1, 2), Map.of("k", "v"), List.of("x"), new Note.Author("Ann", "ann@example.com"),
				Instant.parse("2026-02-01T10:15:30.123456Z"), true));
		note = ops.update(note.withTitle("v2"));
		ops.update(note, Changes.set("body", "changed"));
		ops.restoreVersion(Note.class, "same", 1);
		Task task = ops.create(new Task("t1", null, null, "write", Task.Status.OPEN, "zoe", LocalDate.of(2026, 3, 4), 2,
				7, Set.of("x"), List.of("a"), Map.of("c", 1L)));
		ops.update(new Task(task.id(), task.createdAt(), task.updatedAt(), "written", Task.Status.DONE, "zoe", null, 1,
				8, Set.of(), List.of(), Map.of()));
		ops.create(new Snapshot("s1", null, null, "one", List.of(1.5, 2.25), 3600L));
		Document doc = ops.create(new Document("d1", null, null, null, "1", Set.of("draft"), 1.5));
		for (int i = 2; i <= 5; i++) {
			doc = ops.update(doc.withText(Integer.toString(i)));
		}
		return table();
	}

	private static Map<String, Map<String, AttributeValue>> table() {
		// the prunes of versions leaving the window run after the answers: the items are those left once they ran
		BackgroundCleanups.await();
		Function<Map<String, AttributeValue>, String> key = (item) -> item.get(ItemAttributes.PK).s() + "|"
				+ item.get(ItemAttributes.SK).s();
		Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
		dynamo.rawClient()
			.scanPaginator((request) -> request.tableName(dynamo.tableName()).consistentRead(true))
			.items()
			.forEach((item) -> items.put(key.apply(item), new TreeMap<>(item)));
		return items;
	}

}
