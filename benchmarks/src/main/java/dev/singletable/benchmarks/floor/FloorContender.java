package dev.singletable.benchmarks.floor;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.github.f4b6a3.ulid.UlidCreator;
import org.jspecify.annotations.Nullable;

import dev.singletable.benchmarks.Contender;
import dev.singletable.benchmarks.Fixture;
import dev.singletable.benchmarks.blob.Attachments;
import dev.singletable.benchmarks.model.ArticleDocument;
import dev.singletable.benchmarks.model.PlainArticle;
import dev.singletable.benchmarks.model.Status;
import dev.singletable.benchmarks.model.VersionedArticle;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The floor: what a careful developer would write by hand against the raw {@link DynamoDbClient} to do exactly
 * the DynamoDB work singletable does: the same items and attributes (gzip {@code data} included), the same
 * conditions, the same {@code TransactWriteItems} with the same pruning, the same query limits. Its reads read
 * the very items singletable stored. It keeps none of singletable's extras: no signed cursors, no id checks, no
 * exception translation, no retry of cancelled transactions.
 */
public final class FloorContender implements Contender {

	private static final String TYPE = "VersionedArticle";

	private static final String PLAIN_TYPE = "PlainArticle";

	private static final String AUDITED_TYPE = "AuditedArticle";

	private static final String AUDIT_PREFIX = "_INTERNAL#AuditLog";

	private static final Map<String, String> PK_NAME = Map.of("#pk", "pk");

	/**
	 * The condition of an update from a version read that must also find Python's blob references absent: the
	 * article types declare no {@code @BlobField}, so singletable refuses to drop {@code _blob_fields} and
	 * {@code _blob_versions} a Python writer may have left (in the update's own condition, no extra request).
	 */
	static final String VERSION_KEEPING_BLOBS = "(attribute_exists(#pk) AND #version = :expected) AND "
			+ "attribute_not_exists(#keep0) AND attribute_not_exists(#keep1)";

	static final Map<String, String> VERSION_KEEPING_BLOBS_NAMES = Map.of("#pk", "pk", "#version", "version",
			"#keep0", "_blob_fields", "#keep1", "_blob_versions");

	private static final Map<String, String> GUARDED_NAMES = Map.of("#pk", "pk", "#version", "version", "#created",
			"created_at", "#keep0", "_blob_fields", "#keep1", "_blob_versions");

	private static final String COUNTER_UPDATE = "SET #n1 = :v1, #n2 = :v1 ADD #n0 :v0";

	private static final String COUNTER_CONDITION = "attribute_exists(#n3)";

	private static final Map<String, String> COUNTER_NAMES = Map.of("#n0", "sequence", "#n1", "updated_at", "#n2",
			"gsitypesk", "#n3", "pk");

	private final DynamoDbClient client;

	private final String table;

	private final FloorJson json = new FloorJson();

	private final @Nullable FloorBlobs blobs;

	private final @Nullable FloorBlobs unchangedBlobs;

	private Fixture fixture = new Fixture(Fixture.PAGE, 1, 1);

	private List<String> readIds = List.of();

	private List<Map<String, AttributeValue>> batchKeys = List.of();

	private List<String> batchIds = List.of();

	private List<String> manyIds = List.of();

	private List<Map<String, AttributeValue>> manyKeys = List.of();

	private final List<VersionedArticle> versioned = new ArrayList<>();

	private final List<VersionedArticle> audited = new ArrayList<>();

	private final List<PlainArticle> plain = new ArrayList<>();

	private long counter;

	/**
	 * Creates the floor on the table singletable uses.
	 * @param client the client
	 * @param table the table
	 */
	public FloorContender(DynamoDbClient client, String table) {
		this(client, table, null);
	}

	/**
	 * Creates the floor on the table singletable uses, writing attachments to {@link Attachments#BUCKET}.
	 * @param client the client
	 * @param table the table
	 * @param s3 the S3 client of the bucket, which must exist; {@literal null} for none (no blob row)
	 */
	public FloorContender(DynamoDbClient client, String table, @Nullable S3Client s3) {
		this.client = client;
		this.table = table;
		this.blobs = (s3 != null) ? new FloorBlobs(client, s3, table, this.json, true) : null;
		this.unchangedBlobs = (s3 != null) ? new FloorBlobs(client, s3, table, this.json, false) : null;
	}

	@Override
	public String name() {
		return "floor (raw SDK)";
	}

	@Override
	public void setUp(Fixture fixture) {
		this.fixture = fixture;
		this.readIds = fixture.articleIds();
		this.batchIds = this.readIds.subList(0, Fixture.PAGE);
		this.batchKeys = keys(this.batchIds);
		this.manyIds = this.readIds.subList(0, fixture.latencyBatch());
		this.manyKeys = keys(this.manyIds);
		for (int i = 0; i < fixture.pool(); i++) {
			this.versioned.add(createVersioned(fixture.document(i).withStatus(Status.DRAFT)));
			this.audited.add(createVersioned(AUDITED_TYPE, fixture.document(i).withStatus(Status.DRAFT)));
			this.plain.add(createPlain(fixture.document(i).withStatus(Status.DRAFT)));
		}
		// Every pooled article reaches the maximum number of versions, so that each measured update prunes
		for (int i = 0; i < fixture.pool() * VersionedArticle.MAX_VERSIONS; i++) {
			updateVersioned();
		}
		for (int i = 0; i < fixture.pool() * VersionedArticle.MAX_VERSIONS; i++) {
			updateAudited();
		}
		if (this.blobs != null && this.unchangedBlobs != null) {
			this.blobs.setUp(fixture.pool());
			this.unchangedBlobs.setUp(fixture.pool());
		}
	}

	@Override
	public void rewind() {
		this.counter = 0;
	}

	@Override
	public int create() {
		createVersioned(this.fixture.document(this.counter++).withStatus(Status.DRAFT));
		return 1;
	}

	/**
	 * Creates a versioned article: {@code v1} and {@code v0} in one transaction.
	 * @param document the content
	 * @return the stored article
	 */
	public VersionedArticle createVersioned(ArticleDocument document) {
		return createVersioned(TYPE, document);
	}

	private VersionedArticle createVersioned(String type, ArticleDocument document) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		VersionedArticle article = new VersionedArticle(UlidCreator.getMonotonicUlid().toString(), 1L, now, now,
				document.title(), document.summary(), document.status(), document.author(), document.tags(),
				document.sections(), document.comments(), document.metadata());
		AttributeValue data = AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(this.json.compress(article)));
		Map<String, AttributeValue> history = historyItem(type, article, data);
		Map<String, AttributeValue> latest = latestItem(type, article, data);
		this.client.transactWriteItems((request) -> request.transactItems(putIfAbsent(history), putIfAbsent(latest))
			.clientRequestToken(UUID.randomUUID().toString()));
		return article;
	}

	@Override
	public int getLatest() {
		String id = this.readIds.get((int) (this.counter++ % this.readIds.size()));
		Map<String, AttributeValue> item = this.client
			.getItem((request) -> request.tableName(this.table).key(key(TYPE + "#" + id, "v0")).consistentRead(false))
			.item();
		return (item != null && !item.isEmpty() && read(item) != null) ? 1 : 0;
	}

	@Override
	public int updateVersioned() {
		int index = (int) (this.counter++ % this.versioned.size());
		VersionedArticle article = this.versioned.get(index);
		VersionedArticle updated = nextVersion(article, "Revision " + this.counter);
		List<TransactWriteItem> items = versionedUpdate(TYPE, article, updated);
		this.client.transactWriteItems(
				(request) -> request.transactItems(items).clientRequestToken(UUID.randomUUID().toString()));
		this.versioned.set(index, updated);
		return 1;
	}

	/**
	 * The audited update as singletable sends it: a strongly consistent read of the latest item for the changed
	 * fields, then the versioned update with the audit row's {@code Put} in the same transaction.
	 */
	@Override
	public int updateAudited() {
		int index = (int) (this.counter++ % this.audited.size());
		VersionedArticle article = this.audited.get(index);
		Map<String, AttributeValue> stored = this.client
			.getItem((request) -> request.tableName(this.table)
				.key(key(AUDITED_TYPE + "#" + article.id(), "v0"))
				.consistentRead(true))
			.item();
		VersionedArticle before = read(stored);
		VersionedArticle updated = nextVersion(article, "Revision " + this.counter);
		List<TransactWriteItem> items = new ArrayList<>(versionedUpdate(AUDITED_TYPE, article, updated));
		items.add(TransactWriteItem.builder()
			.put(Put.builder().tableName(this.table).item(auditRow(before, updated)).build())
			.build());
		this.client.transactWriteItems(
				(request) -> request.transactItems(items).clientRequestToken(UUID.randomUUID().toString()));
		this.audited.set(index, updated);
		return 1;
	}

	/**
	 * The audit row of an update: the changed fields of the article (the benchmark's updates change text fields)
	 * with their old and new values, keyed and indexed as singletable's rows.
	 */
	private Map<String, AttributeValue> auditRow(VersionedArticle before, VersionedArticle after) {
		Map<String, AttributeValue> changes = new LinkedHashMap<>();
		change(changes, "title", before.title(), after.title());
		change(changes, "summary", before.summary(), after.summary());
		change(changes, "author", before.author(), after.author());
		change(changes, "status", before.status().name(), after.status().name());
		Instant now = Instant.now();
		String createdAt = FloorJson.format(now);
		String id = UlidCreator.getMonotonicUlid().toString();
		String key = AUDIT_PREFIX + "#" + id;
		AttributeValue none = AttributeValue.fromNul(true);
		Map<String, AttributeValue> item = new LinkedHashMap<>(20);
		item.put("pk", AttributeValue.fromS(key));
		item.put("sk", AttributeValue.fromS(key));
		item.put("resource_id", AttributeValue.fromS(id));
		item.put("created_at", AttributeValue.fromS(createdAt));
		item.put("updated_at", AttributeValue.fromS(createdAt));
		item.put("audited_resource_type", AttributeValue.fromS(AUDITED_TYPE));
		item.put("audited_resource_id", AttributeValue.fromS(after.id()));
		item.put("operation", AttributeValue.fromS("UPDATE"));
		item.put("changed_by", none);
		item.put("changed_fields", AttributeValue.fromM(changes));
		item.put("resource_snapshot", none);
		item.put("audit_metadata", AttributeValue.fromM(Map.of()));
		item.put("gsitype", AttributeValue.fromS(AUDIT_PREFIX));
		item.put("gsitypesk", AttributeValue.fromS(createdAt));
		item.put("gsi1pk", AttributeValue.fromS(AUDIT_PREFIX + "#" + AUDITED_TYPE + "#" + after.id()));
		item.put("gsi2pk", AttributeValue.fromS(AUDIT_PREFIX + "#" + AUDITED_TYPE));
		return item;
	}

	private static void change(Map<String, AttributeValue> changes, String name, String old, String now) {
		if (!old.equals(now)) {
			changes.put(name, AttributeValue.fromM(Map.of("old", AttributeValue.fromS(old), "new", AttributeValue.fromS(now))));
		}
	}

	private static VersionedArticle nextVersion(VersionedArticle article, String title) {
		return new VersionedArticle(article.id(), article.version() + 1, article.createdAt(),
				later(article.updatedAt()), title, article.summary(), article.status(), article.author(), article.tags(),
				article.sections(), article.comments(), article.metadata());
	}

	/**
	 * The items of a versioned update: the new version, {@code v0} guarded by the version read, and, once the
	 * history is full, the pruning delete and the retention probe.
	 */
	private List<TransactWriteItem> versionedUpdate(String type, VersionedArticle article, VersionedArticle updated) {
		AttributeValue data = AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(this.json.compress(updated)));
		return versionedItems(this.table, type, article.id(), article.version(), historyItem(type, updated, data),
				latestItem(type, updated, data), VERSION_KEEPING_BLOBS, VERSION_KEEPING_BLOBS_NAMES);
	}

	/**
	 * The items of the update of a versioned resource from version {@code expected}: the given history and latest
	 * items, and the pruning delete and the retention probe of a full history.
	 */
	static List<TransactWriteItem> versionedItems(String table, String type, String id, long expected,
			Map<String, AttributeValue> history, Map<String, AttributeValue> latest, String latestCondition,
			Map<String, String> latestNames) {
		long next = expected + 1;
		List<TransactWriteItem> items = new ArrayList<>(6);
		items.add(putIfAbsent(table, history));
		items.add(TransactWriteItem.builder()
			.put(Put.builder()
				.tableName(table)
				.item(latest)
				.conditionExpression(latestCondition)
				.expressionAttributeNames(latestNames)
				.expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(expected))))
				.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
				.build())
			.build());
		long pruned = next - VersionedArticle.MAX_VERSIONS;
		if (pruned >= 1) {
			items.add(TransactWriteItem.builder()
				.delete(Delete.builder().tableName(table).key(key(type + "#" + id, "v" + pruned)).build())
				.build());
		}
		if (pruned - 1 >= 1) {
			// the retention probe: the history is no longer than the window
			items.add(TransactWriteItem.builder()
				.conditionCheck(ConditionCheck.builder()
					.tableName(table)
					.key(key(type + "#" + id, "v" + (pruned - 1)))
					.conditionExpression("attribute_not_exists(#pk)")
					.expressionAttributeNames(Map.of("#pk", "pk"))
					.build())
				.build());
		}
		return items;
	}

	/**
	 * The requests singletable sends for a blob write, by hand (see {@link FloorBlobs}).
	 */
	@Override
	public int updateBlob() {
		return blobs(this.blobs).update();
	}

	/**
	 * The requests singletable sends for a blob write whose attachment is unchanged (see {@link FloorBlobs}).
	 */
	@Override
	public int updateBlobUnchanged() {
		return blobs(this.unchangedBlobs).update();
	}

	private static FloorBlobs blobs(@Nullable FloorBlobs blobs) {
		if (blobs == null) {
			throw new IllegalStateException("No S3 client: this floor was created without the blob rows");
		}
		return blobs;
	}

	@Override
	public int updatePlain() {
		int index = (int) (this.counter++ % this.plain.size());
		PlainArticle article = this.plain.get(index);
		PlainArticle updated = nextPlain(article, "Revision " + this.counter);
		Map<String, AttributeValue> item = plainItem(updated);
		this.client.putItem((request) -> request.tableName(this.table)
			.item(item)
			.conditionExpression(VERSION_KEEPING_BLOBS)
			.expressionAttributeNames(VERSION_KEEPING_BLOBS_NAMES)
			.expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(article.version()))))
			.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
		this.plain.set(index, updated);
		return 1;
	}

	private static PlainArticle nextPlain(PlainArticle article, String title) {
		return new PlainArticle(article.id(), article.version() + 1, article.createdAt(), later(article.updatedAt()),
				title, article.summary(), article.status(), article.author(), article.tags(), article.sections(),
				article.comments(), article.metadata());
	}

	/**
	 * One transaction: the versioned update of {@link #updateVersioned()}, the plain update of
	 * {@link #updatePlain()} as a transactional put, and {@code ADD sequence 1} on singletable's counter event, with
	 * its {@code updated_at} and type-index sort key set as singletable sets them.
	 */
	@Override
	public int transaction() {
		int index = (int) (this.counter++ % this.versioned.size());
		String title = "Revision " + this.counter;
		VersionedArticle article = this.versioned.get(index);
		VersionedArticle updated = nextVersion(article, title);
		PlainArticle plainArticle = this.plain.get(index % this.plain.size());
		PlainArticle plainUpdated = nextPlain(plainArticle, title);
		List<TransactWriteItem> items = versionedUpdate(TYPE, article, updated);
		// singletable's update of a plain type also guards the stored creation time (Python may omit a zero fraction)
		Map<String, AttributeValue> values = new HashMap<>();
		values.put(":expected", AttributeValue.fromN(Long.toString(plainArticle.version())));
		values.put(":nullType", AttributeValue.fromS("NULL"));
		String created = FloorJson.format(plainArticle.createdAt());
		values.put(":created0", AttributeValue.fromS(created));
		String shortCreated = created.replace(".000000+", "+");
		boolean twoSpellings = !shortCreated.equals(created);
		if (twoSpellings) {
			values.put(":created1", AttributeValue.fromS(shortCreated));
		}
		items.add(TransactWriteItem.builder()
			.put(Put.builder()
				.tableName(this.table)
				.item(plainItem(plainUpdated))
				.conditionExpression("(attribute_exists(#pk) AND #version = :expected AND (#created IN (:created0"
						+ (twoSpellings ? ", :created1" : "") + ") OR attribute_not_exists(#created) OR "
						+ "attribute_type(#created, :nullType))) AND attribute_not_exists(#keep0) AND "
						+ "attribute_not_exists(#keep1)")
				.expressionAttributeNames(GUARDED_NAMES)
				.expressionAttributeValues(values)
				.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
				.build())
			.build());
		String counter = "Event#" + this.fixture.counterEventId();
		AttributeValue now = AttributeValue.fromS(FloorJson.format(later(Instant.EPOCH)));
		items.add(TransactWriteItem.builder()
			.update(Update.builder()
				.tableName(this.table)
				.key(key(counter, counter))
				.updateExpression(COUNTER_UPDATE)
				.conditionExpression(COUNTER_CONDITION)
				.expressionAttributeNames(COUNTER_NAMES)
				.expressionAttributeValues(Map.of(":v0", AttributeValue.fromN("1"), ":v1", now))
				.build())
			.build());
		this.client.transactWriteItems(
				(request) -> request.transactItems(items).clientRequestToken(UUID.randomUUID().toString()));
		this.versioned.set(index, updated);
		this.plain.set(index % this.plain.size(), plainUpdated);
		return 1;
	}

	/**
	 * Creates a plain article with a conditional put.
	 * @param document the content
	 * @return the stored article
	 */
	public PlainArticle createPlain(ArticleDocument document) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		PlainArticle article = new PlainArticle(UlidCreator.getMonotonicUlid().toString(), 1L, now, now,
				document.title(), document.summary(), document.status(), document.author(), document.tags(),
				document.sections(), document.comments(), document.metadata());
		Map<String, AttributeValue> item = plainItem(article);
		this.client.putItem((request) -> request.tableName(this.table)
			.item(item)
			.conditionExpression("attribute_not_exists(#pk)")
			.expressionAttributeNames(PK_NAME)
			.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
		return article;
	}

	@Override
	public int listPage() {
		return readPage("gsitype", "gsitype", TYPE);
	}

	@Override
	public int queryPage() {
		return readPage("gsi1", "gsi1pk", "status#" + Status.PUBLISHED.name());
	}

	private int readPage(String index, String partitionAttribute, String partition) {
		QueryResponse response = this.client.query((request) -> request.tableName(this.table)
			.indexName(index)
			.keyConditionExpression("#p = :p")
			.expressionAttributeNames(Map.of("#p", partitionAttribute))
			.expressionAttributeValues(Map.of(":p", AttributeValue.fromS(partition)))
			.scanIndexForward(true)
			// one more than the page, as singletable asks, to know whether another page follows
			.limit(Fixture.PAGE + 1)
			.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
		List<VersionedArticle> articles = new ArrayList<>(response.items().size());
		for (Map<String, AttributeValue> item : response.items()) {
			if ("v0".equals(item.get("sk").s())) {
				articles.add(read(item));
			}
		}
		return Math.min(articles.size(), Fixture.PAGE);
	}

	@Override
	public int batchGet() {
		return batchGet(this.batchKeys, this.batchIds);
	}

	@Override
	public int batchGetMany() {
		return batchGet(this.manyKeys, this.manyIds);
	}

	private static List<Map<String, AttributeValue>> keys(List<String> ids) {
		List<Map<String, AttributeValue>> keys = new ArrayList<>(ids.size());
		for (String id : ids) {
			keys.add(key(TYPE + "#" + id, "v0"));
		}
		return List.copyOf(keys);
	}

	/** Reads articles by id in requests of at most 100 keys, one after another, each until nothing is unprocessed. */
	private int batchGet(List<Map<String, AttributeValue>> allKeys, List<String> ids) {
		Map<String, Map<String, AttributeValue>> found = new HashMap<>();
		for (int from = 0; from < allKeys.size(); from += Fixture.PAGE) {
			List<Map<String, AttributeValue>> pending = allKeys.subList(from, Math.min(allKeys.size(), from + Fixture.PAGE));
			while (!pending.isEmpty()) {
				List<Map<String, AttributeValue>> keys = pending;
				BatchGetItemResponse response = this.client.batchGetItem((request) -> request.requestItems(
						Map.of(this.table, KeysAndAttributes.builder().keys(keys).consistentRead(false).build())));
				for (Map<String, AttributeValue> item : response.responses().getOrDefault(this.table, List.of())) {
					found.put(item.get("pk").s(), item);
				}
				KeysAndAttributes unprocessed = response.unprocessedKeys().get(this.table);
				pending = (unprocessed != null && unprocessed.hasKeys()) ? unprocessed.keys() : List.of();
			}
		}
		List<VersionedArticle> articles = new ArrayList<>(found.size());
		for (String id : ids) {
			Map<String, AttributeValue> item = found.get(TYPE + "#" + id);
			if (item != null) {
				articles.add(read(item));
			}
		}
		return articles.size();
	}

	@Override
	public int listPages(int pages) {
		int count = 0;
		Map<String, AttributeValue> startKey = null;
		for (int i = 0; i < pages; i++) {
			Map<String, AttributeValue> start = startKey;
			QueryResponse response = this.client.query((request) -> request.tableName(this.table)
				.indexName("gsitype")
				.keyConditionExpression("#p = :p")
				.expressionAttributeNames(Map.of("#p", "gsitype"))
				.expressionAttributeValues(Map.of(":p", AttributeValue.fromS(TYPE)))
				.scanIndexForward(true)
				.limit(Fixture.PAGE + 1)
				.exclusiveStartKey(start)
				.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
			List<Map<String, AttributeValue>> items = response.items();
			int page = Math.min(items.size(), Fixture.PAGE);
			for (Map<String, AttributeValue> item : items.subList(0, page)) {
				read(item);
			}
			count += page;
			if (items.size() <= Fixture.PAGE) {
				break;
			}
			// the next page starts after the last item of this one, as singletable's cursor does
			Map<String, AttributeValue> last = items.get(page - 1);
			startKey = Map.of("pk", last.get("pk"), "sk", last.get("sk"), "gsitype", last.get("gsitype"), "gsitypesk",
					last.get("gsitypesk"));
		}
		return count;
	}

	@Override
	public HistoryLocation history(String id) {
		return new HistoryLocation(this.table, TYPE + "#" + id);
	}

	@Override
	public int deleteHistory(String id) {
		String pk = TYPE + "#" + id;
		List<Map<String, AttributeValue>> keys = new ArrayList<>();
		Map<String, AttributeValue> startKey = null;
		do {
			Map<String, AttributeValue> start = startKey;
			QueryResponse response = this.client.query((request) -> request.tableName(this.table)
				.keyConditionExpression("#pk = :pk AND begins_with(#sk, :v)")
				.expressionAttributeNames(Map.of("#pk", "pk", "#sk", "sk"))
				.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":v", AttributeValue.fromS("v")))
				.projectionExpression("#pk, #sk")
				.consistentRead(true)
				.exclusiveStartKey(start));
			keys.addAll(response.items());
			startKey = (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty())
					? response.lastEvaluatedKey() : null;
		}
		while (startKey != null);
		if (keys.isEmpty()) {
			return 0;
		}
		// the latest first, so that a failure half-way leaves no resource that looks alive
		this.client.deleteItem((request) -> request.tableName(this.table).key(key(pk, "v0")));
		List<WriteRequest> deletes = new ArrayList<>(keys.size());
		for (Map<String, AttributeValue> key : keys) {
			if (!"v0".equals(key.get("sk").s())) {
				deletes.add(WriteRequest.builder().deleteRequest((delete) -> delete.key(key)).build());
			}
		}
		for (int from = 0; from < deletes.size(); from += 25) {
			List<WriteRequest> pending = deletes.subList(from, Math.min(deletes.size(), from + 25));
			while (!pending.isEmpty()) {
				List<WriteRequest> batch = pending;
				BatchWriteItemResponse response = this.client
					.batchWriteItem((request) -> request.requestItems(Map.of(this.table, batch)));
				pending = response.unprocessedItems().getOrDefault(this.table, List.of());
			}
		}
		return keys.size();
	}

	@Override
	public long stream(Consumer<Object> sink) {
		long count = 0;
		Map<String, AttributeValue> startKey = null;
		do {
			Map<String, AttributeValue> start = startKey;
			QueryResponse response = this.client.query((request) -> request.tableName(this.table)
				.indexName("gsitype")
				.keyConditionExpression("#p = :p")
				.expressionAttributeNames(Map.of("#p", "gsitype"))
				.expressionAttributeValues(Map.of(":p", AttributeValue.fromS("Event")))
				.scanIndexForward(true)
				.exclusiveStartKey(start));
			for (Map<String, AttributeValue> item : response.items()) {
				sink.accept(FloorItems.event(item));
				count++;
			}
			startKey = (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty())
					? response.lastEvaluatedKey() : null;
		}
		while (startKey != null);
		return count;
	}

	private VersionedArticle read(Map<String, AttributeValue> item) {
		return this.json.decompress(item.get("data").b().asByteArrayUnsafe(), VersionedArticle.class);
	}

	private Map<String, AttributeValue> latestItem(String type, VersionedArticle article, AttributeValue data) {
		Map<String, AttributeValue> item = new LinkedHashMap<>(12);
		item.put("pk", AttributeValue.fromS(type + "#" + article.id()));
		item.put("sk", AttributeValue.fromS("v0"));
		item.put("data", data);
		item.put("version", AttributeValue.fromN(Long.toString(article.version())));
		item.put("gsitype", AttributeValue.fromS(type));
		item.put("gsitypesk", AttributeValue.fromS(FloorJson.format(article.updatedAt())));
		item.put("gsi1pk", AttributeValue.fromS("status#" + article.status().name()));
		return item;
	}

	private Map<String, AttributeValue> historyItem(String type, VersionedArticle article, AttributeValue data) {
		Map<String, AttributeValue> item = new LinkedHashMap<>(8);
		item.put("pk", AttributeValue.fromS(type + "#" + article.id()));
		item.put("sk", AttributeValue.fromS("v" + article.version()));
		item.put("data", data);
		item.put("version", AttributeValue.fromN(Long.toString(article.version())));
		return item;
	}

	private Map<String, AttributeValue> plainItem(PlainArticle article) {
		String pk = PLAIN_TYPE + "#" + article.id();
		Map<String, AttributeValue> item = new LinkedHashMap<>(32);
		item.put("pk", AttributeValue.fromS(pk));
		item.put("sk", AttributeValue.fromS(pk));
		item.putAll(FloorItems.body(article));
		item.put("gsitype", AttributeValue.fromS(PLAIN_TYPE));
		item.put("gsitypesk", AttributeValue.fromS(FloorJson.format(article.updatedAt())));
		item.put("_version_token", AttributeValue.fromS(UlidCreator.getMonotonicUlid().toString()));
		item.put("gsi1pk", AttributeValue.fromS("plain-status#" + article.status().name()));
		return item;
	}

	private TransactWriteItem putIfAbsent(Map<String, AttributeValue> item) {
		return putIfAbsent(this.table, item);
	}

	static TransactWriteItem putIfAbsent(String table, Map<String, AttributeValue> item) {
		return TransactWriteItem.builder()
			.put(Put.builder()
				.tableName(table)
				.item(item)
				.conditionExpression("attribute_not_exists(#pk)")
				.expressionAttributeNames(PK_NAME)
				.build())
			.build();
	}

	static Map<String, AttributeValue> key(String pk, String sk) {
		return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
	}

	static Instant later(Instant previous) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		return now.isAfter(previous) ? now : previous.plus(1, ChronoUnit.MICROS);
	}

}
