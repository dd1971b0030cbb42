package dev.singletable.benchmarks.floor;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The floor: what a careful developer would write by hand against the raw {@link DynamoDbClient} to do exactly
 * the DynamoDB work singletable does: the same items and attributes (gzip {@code data} included), the same
 * conditions, the same {@code TransactWriteItems} and the same prune after the answer, the same query limits. Its reads read
 * the very items singletable stored. It keeps none of singletable's extras: no signed cursors, no id checks, no
 * exception translation, no retry of cancelled transactions.
 */
public final class FloorContender implements Contender {

	private static final String TYPE = FloorReads.TYPE;

	private static final String AUDITED_TYPE = "AuditedArticle";

	private final DynamoDbClient client;

	private final String table;

	private final FloorJson json = new FloorJson();

	private final FloorReads reads;

	private final @Nullable FloorBlobs blobs;

	private final @Nullable FloorBlobs unchangedBlobs;

	/** The prunes after the answers of the versioned updates (the blob writes run theirs with their clean-ups). */
	private final FloorPrunes prunes = new FloorPrunes();

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

	/** Whether the audited updates are of the first article as it is (see {@code Contender#freezeWrites}). */
	private volatile boolean frozen;

	/** The first result of the frozen audited updates: the one stored. */
	private @Nullable VersionedArticle frozenAudited;

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
		this.reads = new FloorReads(client, table, this.json);
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
		this.batchKeys = FloorReads.keys(this.batchIds);
		this.manyIds = this.readIds.subList(0, fixture.latencyBatch());
		this.manyKeys = FloorReads.keys(this.manyIds);
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
		this.prunes.await();
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
		Map<String, AttributeValue> history = FloorItems.historyItem(type, article, data);
		Map<String, AttributeValue> latest = FloorItems.latestItem(type, article, data);
		this.client.transactWriteItems((request) -> request.transactItems(putIfAbsent(history), putIfAbsent(latest))
			.clientRequestToken(UUID.randomUUID().toString()));
		return article;
	}

	@Override
	public int getLatest() {
		String id = this.readIds.get((int) (this.counter++ % this.readIds.size()));
		return this.reads.latest(id);
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
		pruneAfter(TYPE, updated);
		return 1;
	}

	/**
	 * Prunes, after the answer, the version the write of {@code written} pushed out of the window.
	 */
	private void pruneAfter(String type, VersionedArticle written) {
		if (FloorPrunes.pruned(written.version()) != 0) {
			this.prunes.after(written.id(),
					() -> FloorPrunes.prune(this.client, this.table, type, written.id(), written.version()));
		}
	}

	/**
	 * The audited update as singletable sends it: a strongly consistent read of the latest item for the changed
	 * fields, then the versioned update with the audit row's {@code Put} in the same transaction.
	 */
	@Override
	public int updateAudited() {
		// frozen: the recorded read answers with the first article as stored, so that one is updated as it is
		int index = this.frozen ? 0 : (int) (this.counter % this.audited.size());
		this.counter++;
		VersionedArticle article = this.audited.get(index);
		Map<String, AttributeValue> stored = this.client
			.getItem((request) -> request.tableName(this.table)
				.key(FloorRequests.key(AUDITED_TYPE + "#" + article.id(), "v0"))
				.consistentRead(true))
			.item();
		VersionedArticle before = this.reads.read(stored);
		VersionedArticle updated = nextVersion(article, "Revision " + this.counter);
		List<TransactWriteItem> items = new ArrayList<>(versionedUpdate(AUDITED_TYPE, article, updated));
		items.add(TransactWriteItem.builder()
			.put(Put.builder().tableName(this.table).item(FloorItems.auditRow(AUDITED_TYPE, before, updated)).build())
			.build());
		this.client.transactWriteItems(
				(request) -> request.transactItems(items).clientRequestToken(UUID.randomUUID().toString()));
		if (!this.frozen) {
			this.audited.set(index, updated);
		}
		else if (this.frozenAudited == null) {
			this.frozenAudited = updated;
		}
		pruneAfter(AUDITED_TYPE, updated);
		return 1;
	}

	private static VersionedArticle nextVersion(VersionedArticle article, String title) {
		return new VersionedArticle(article.id(), article.version() + 1, article.createdAt(),
				FloorRequests.later(article.updatedAt()), title, article.summary(), article.status(), article.author(),
				article.tags(), article.sections(), article.comments(), article.metadata());
	}

	/**
	 * The items of a versioned update: the new version, {@code v0} guarded by the version read, and, once the
	 * history is full, the pruning delete and the retention probe.
	 */
	private List<TransactWriteItem> versionedUpdate(String type, VersionedArticle article, VersionedArticle updated) {
		AttributeValue data = AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(this.json.compress(updated)));
		return FloorRequests.versionedItems(this.table, type, article.id(), article.version(),
				FloorItems.historyItem(type, updated, data), FloorItems.latestItem(type, updated, data),
				FloorRequests.VERSION_KEEPING_BLOBS, FloorRequests.VERSION_KEEPING_BLOBS_NAMES);
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

	@Override
	public void freezeWrites(boolean frozen) {
		this.frozen = frozen;
		VersionedArticle written = this.frozenAudited;
		if (!frozen && written != null) {
			this.audited.set(0, written);
			this.frozenAudited = null;
		}
		if (this.blobs != null) {
			this.blobs.freeze(frozen);
		}
		if (this.unchangedBlobs != null) {
			this.unchangedBlobs.freeze(frozen);
		}
	}

	/**
	 * Makes the blob writes run their clean-ups, and the versioned writes their prunes, before they answer, or after
	 * again (for the runs against canned responses, as singletable's, see {@code BackgroundWork#setInline}).
	 */
	public void setBlobCleanupsInline(boolean inline) {
		this.prunes.setInline(inline);
		if (this.blobs != null) {
			this.blobs.setInline(inline);
		}
		if (this.unchangedBlobs != null) {
			this.unchangedBlobs.setInline(inline);
		}
	}

	/**
	 * Waits until the clean-ups the blob writes, and the prunes the versioned writes, left to run after their answers
	 * ended (for the request-shape tests).
	 */
	public void awaitBlobCleanups() {
		this.prunes.await();
		if (this.blobs != null) {
			this.blobs.awaitCleanups();
		}
		if (this.unchangedBlobs != null) {
			this.unchangedBlobs.awaitCleanups();
		}
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
		this.client.putItem(FloorRequests.guardedPlainPutItem(this.table, FloorItems.plainItem(updated), article));
		this.plain.set(index, updated);
		return 1;
	}

	private static PlainArticle nextPlain(PlainArticle article, String title) {
		return new PlainArticle(article.id(), article.version() + 1, article.createdAt(),
				FloorRequests.later(article.updatedAt()), title, article.summary(), article.status(), article.author(),
				article.tags(), article.sections(), article.comments(), article.metadata());
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
		items.add(FloorRequests.guardedPlainPut(this.table, FloorItems.plainItem(plainUpdated), plainArticle));
		items.add(FloorRequests.counterIncrement(this.table, this.fixture.counterEventId()));
		this.client.transactWriteItems(
				(request) -> request.transactItems(items).clientRequestToken(UUID.randomUUID().toString()));
		this.versioned.set(index, updated);
		this.plain.set(index % this.plain.size(), plainUpdated);
		pruneAfter(TYPE, updated);
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
		Map<String, AttributeValue> item = FloorItems.plainItem(article);
		this.client.putItem((request) -> request.tableName(this.table)
			.item(item)
			.conditionExpression("attribute_not_exists(#pk)")
			.expressionAttributeNames(FloorRequests.PK_NAME)
			.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
		return article;
	}

	@Override
	public int listPage() {
		return this.reads.page("gsitype", "gsitype", TYPE);
	}

	@Override
	public int queryPage() {
		return this.reads.page("gsi1", "gsi1pk", "status#" + Status.PUBLISHED.name());
	}

	@Override
	public int batchGet() {
		return this.reads.batchGet(this.batchKeys, this.batchIds);
	}

	@Override
	public int batchGetMany() {
		return this.reads.batchGet(this.manyKeys, this.manyIds);
	}

	@Override
	public int listPages(int pages) {
		return this.reads.listPages(pages);
	}

	@Override
	public HistoryLocation history(String id) {
		return new HistoryLocation(this.table, TYPE + "#" + id);
	}

	@Override
	public int deleteHistory(String id) {
		return this.reads.deleteHistory(id);
	}

	@Override
	public long stream(Consumer<Object> sink) {
		return this.reads.stream(sink);
	}

	private TransactWriteItem putIfAbsent(Map<String, AttributeValue> item) {
		return FloorRequests.putIfAbsent(this.table, item);
	}

}
