package dev.singletable.benchmarks.peer;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import com.github.f4b6a3.ulid.UlidCreator;
import org.jspecify.annotations.Nullable;
import dev.singletable.benchmarks.Contender;
import dev.singletable.benchmarks.Fixture;
import dev.singletable.benchmarks.blob.Attachments;
import dev.singletable.benchmarks.model.ArticleDocument;
import dev.singletable.benchmarks.model.Comment;
import dev.singletable.benchmarks.model.Documents;
import dev.singletable.benchmarks.model.Event;
import dev.singletable.benchmarks.model.Link;
import dev.singletable.benchmarks.model.Section;
import dev.singletable.benchmarks.model.Status;
import software.amazon.awssdk.core.pagination.sync.SdkIterable;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.extensions.AtomicCounterExtension;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchGetResultPageIterable;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteResult;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.IgnoreNullsMode;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The peer: the AWS SDK v2 Enhanced Client, used as its documentation shows, with the default extensions (the
 * version extension makes every put conditional on the version the bean carries). It stores each article as one
 * uncompressed item and keeps no history, so its versioned update is a versioned put. Its stream pages are the
 * SDK's default (up to 1 MB per request).
 */
public final class PeerContender implements Contender {

	private final DynamoDbEnhancedClient enhanced;

	private final DynamoDbTable<PeerArticle> articles;

	private final DynamoDbTable<PeerEvent> events;

	private final DynamoDbTable<PeerCounter> counters;

	private final PeerCounter counterKey = new PeerCounter();

	private final DynamoDbTable<PeerBlobArticle> blobArticles;

	private final @Nullable S3Client s3;

	private final List<PeerBlobArticle> blobPool = new ArrayList<>();

	private final List<PeerBlobArticle> unchangedBlobPool = new ArrayList<>();

	private long unchangedBlobWrites;

	/** Writes of the blob row, never rewound (as singletable's). */
	private long blobWrites;

	private Fixture fixture = new Fixture(Fixture.PAGE, 1, 1);

	private final List<Key> readKeys = new ArrayList<>();

	private ReadBatch batch = ReadBatch.builder(PeerArticle.class).build();

	private List<ReadBatch> manyBatches = List.of();

	private final String table;

	private final List<PeerArticle> versioned = new ArrayList<>();

	private final List<PeerArticle> plain = new ArrayList<>();

	private final QueryEnhancedRequest listRequest;

	private final QueryEnhancedRequest queryRequest;

	private final QueryEnhancedRequest streamRequest;

	private long counter;

	/**
	 * Creates the peer on its own table (same schema as singletable's).
	 * @param client the client
	 * @param table the table
	 */
	public PeerContender(DynamoDbClient client, String table) {
		this(client, table, null);
	}

	/**
	 * Creates the peer on its own table (same schema as singletable's), writing attachments to
	 * {@link Attachments#BUCKET}.
	 * @param client the client
	 * @param table the table
	 * @param s3 the S3 client of the bucket, which must exist; {@literal null} for none (no blob row)
	 */
	public PeerContender(DynamoDbClient client, String table, @Nullable S3Client s3) {
		this.s3 = s3;
		// the default extension (versions) plus the atomic counter of the transaction's counter
		this.enhanced = DynamoDbEnhancedClient.builder()
			.dynamoDbClient(client)
			.extensions(VersionedRecordExtension.builder().build(), AtomicCounterExtension.builder().build())
			.build();
		this.table = table;
		this.articles = this.enhanced.table(table, TableSchema.fromBean(PeerArticle.class));
		this.events = this.enhanced.table(table, TableSchema.fromBean(PeerEvent.class));
		this.counters = this.enhanced.table(table, TableSchema.fromBean(PeerCounter.class));
		this.blobArticles = this.enhanced.table(table, TableSchema.fromBean(PeerBlobArticle.class));
		this.listRequest = QueryEnhancedRequest.builder()
			.queryConditional(QueryConditional.keyEqualTo((key) -> key.partitionValue("PeerArticle")))
			.limit(Fixture.PAGE)
			.build();
		this.queryRequest = QueryEnhancedRequest.builder()
			.queryConditional(QueryConditional.keyEqualTo((key) -> key.partitionValue("status#" + Status.PUBLISHED.name())))
			.limit(Fixture.PAGE)
			.build();
		this.streamRequest = QueryEnhancedRequest.builder()
			.queryConditional(QueryConditional.keyEqualTo((key) -> key.partitionValue("PeerEvent")))
			.build();
	}

	@Override
	public String name() {
		return "peer (Enhanced Client)";
	}

	@Override
	public void setUp(Fixture fixture) {
		this.fixture = fixture;
		for (int i = 0; i < fixture.articles(); i++) {
			PeerArticle article = article(fixture.document(i));
			this.articles.putItem(article);
			this.readKeys.add(key(article));
		}
		ReadBatch.Builder<PeerArticle> batch = ReadBatch.builder(PeerArticle.class).mappedTableResource(this.articles);
		this.readKeys.subList(0, Fixture.PAGE).forEach(batch::addGetItem);
		this.batch = batch.build();
		// the Enhanced Client sends a read batch as it is: more than 100 keys take one batch per 100
		List<ReadBatch> many = new ArrayList<>();
		List<Key> manyKeys = this.readKeys.subList(0, fixture.latencyBatch());
		for (int from = 0; from < manyKeys.size(); from += Fixture.PAGE) {
			ReadBatch.Builder<PeerArticle> chunk = ReadBatch.builder(PeerArticle.class).mappedTableResource(this.articles);
			manyKeys.subList(from, Math.min(manyKeys.size(), from + Fixture.PAGE)).forEach(chunk::addGetItem);
			many.add(chunk.build());
		}
		this.manyBatches = List.copyOf(many);
		for (int i = 0; i < fixture.pool(); i++) {
			this.versioned.add(put(article(fixture.document(i).withStatus(Status.DRAFT))));
			this.plain.add(put(article(fixture.document(i).withStatus(Status.DRAFT))));
		}
		for (int i = 0; this.s3 != null && i < fixture.pool(); i++) {
			this.blobPool.add(newBlobArticle("Attachment " + i, Attachments.of(-i - 1)));
			this.unchangedBlobPool.add(newBlobArticle("Attachment " + i, Attachments.unchanged()));
		}
		String counterKey = "PeerCounter#" + UlidCreator.getMonotonicUlid();
		this.counterKey.setPk(counterKey);
		this.counterKey.setSk(counterKey);
		this.counters.putItem(this.counterKey);
		List<PeerEvent> pending = new ArrayList<>();
		for (int i = 0; i < fixture.events(); i++) {
			pending.add(event(Documents.event(i)));
			if (pending.size() == 25 || i == fixture.events() - 1) {
				WriteBatch.Builder<PeerEvent> writes = WriteBatch.builder(PeerEvent.class).mappedTableResource(this.events);
				pending.forEach(writes::addPutItem);
				this.enhanced.batchWriteItem(BatchWriteItemEnhancedRequest.builder().writeBatches(writes.build()).build());
				pending.clear();
			}
		}
	}

	@Override
	public void rewind() {
		this.counter = 0;
	}

	@Override
	public int create() {
		this.articles.putItem(article(this.fixture.document(this.counter++).withStatus(Status.DRAFT)));
		return 1;
	}

	@Override
	public int getLatest() {
		Key key = this.readKeys.get((int) (this.counter++ % this.readKeys.size()));
		return (this.articles.getItem(key) != null) ? 1 : 0;
	}

	@Override
	public int updateVersioned() {
		update(this.versioned.get((int) (this.counter++ % this.versioned.size())));
		return 1;
	}

	/**
	 * The Enhanced Client has no audit log: its versioned put, as {@link #updateVersioned()}.
	 */
	@Override
	public int updateAudited() {
		return updateVersioned();
	}

	/**
	 * What an Enhanced Client application would write: the attachment over its one object, then the versioned put
	 * of the item naming it. No history, so no object to keep per version or to delete; no clean-up when the put
	 * fails after the upload.
	 */
	@Override
	public int updateBlob() {
		long sequence = this.blobWrites++;
		PeerBlobArticle article = blobArticle(this.blobPool, sequence);
		putAttachment(article.getAttachmentKey(), Attachments.of(sequence));
		putRevision(article, sequence);
		return 1;
	}

	/**
	 * The application knows the attachment unchanged (it has it in hand): only the versioned put.
	 */
	@Override
	public int updateBlobUnchanged() {
		long sequence = this.unchangedBlobWrites++;
		putRevision(blobArticle(this.unchangedBlobPool, sequence), sequence);
		return 1;
	}

	private static PeerBlobArticle blobArticle(List<PeerBlobArticle> pool, long sequence) {
		if (pool.isEmpty()) {
			throw new IllegalStateException("No S3 client: this peer was created without the blob rows");
		}
		return pool.get((int) (sequence % pool.size()));
	}

	private PeerBlobArticle newBlobArticle(String title, byte[] attachment) {
		PeerBlobArticle article = newItem(new PeerBlobArticle());
		article.setTitle(title);
		article.setAttachmentKey("PeerBlobArticle/" + article.getResourceId() + "/" + Attachments.FIELD);
		putAttachment(article.getAttachmentKey(), attachment);
		this.blobArticles.putItem(article);
		article.setVersion(1L);
		return article;
	}

	private void putRevision(PeerBlobArticle article, long sequence) {
		Instant now = later(article.getUpdatedAt());
		article.setTitle("Revision " + sequence);
		article.setUpdatedAt(now);
		article.setGsitypesk(now.toString());
		this.blobArticles.putItem(article);
		article.setVersion(article.getVersion() + 1);
	}

	private void putAttachment(String key, byte[] attachment) {
		this.s3.putObject((request) -> request.bucket(Attachments.BUCKET).key(key).contentLength((long) attachment.length),
				RequestBody.fromBytes(attachment));
	}

	@Override
	public int updatePlain() {
		update(this.plain.get((int) (this.counter++ % this.plain.size())));
		return 1;
	}

	private void update(PeerArticle article) {
		revise(article);
		this.articles.putItem(article);
		// the extension wrote version + 1 (and checked the old one); the bean keeps what it was given
		article.setVersion(article.getVersion() + 1);
	}

	private void revise(PeerArticle article) {
		Instant now = later(article.getUpdatedAt());
		article.setTitle("Revision " + this.counter);
		article.setUpdatedAt(now);
		article.setGsitypesk(now.toString());
	}

	/**
	 * The same logical work in one {@code transactWriteItems}: the versioned put (no history), the plain put, both
	 * conditional on their versions, and the counter's update, with a client request token.
	 */
	@Override
	public int transaction() {
		int index = (int) (this.counter++ % this.versioned.size());
		PeerArticle versionedArticle = this.versioned.get(index);
		PeerArticle plainArticle = this.plain.get(index % this.plain.size());
		revise(versionedArticle);
		revise(plainArticle);
		this.enhanced.transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
			.addPutItem(this.articles, versionedArticle)
			.addPutItem(this.articles, plainArticle)
			.addUpdateItem(this.counters,
					TransactUpdateItemEnhancedRequest.builder(PeerCounter.class)
						.item(this.counterKey)
						.ignoreNullsMode(IgnoreNullsMode.SCALAR_ONLY)
						.build())
			.clientRequestToken(UUID.randomUUID().toString())
			.build());
		versionedArticle.setVersion(versionedArticle.getVersion() + 1);
		plainArticle.setVersion(plainArticle.getVersion() + 1);
		return 1;
	}

	private PeerArticle put(PeerArticle article) {
		this.articles.putItem(article);
		article.setVersion(1L);
		return article;
	}

	@Override
	public int listPage() {
		return firstPage(this.articles.index("gsitype").query(this.listRequest));
	}

	@Override
	public int queryPage() {
		return firstPage(this.articles.index("gsi1").query(this.queryRequest));
	}

	private static int firstPage(SdkIterable<Page<PeerArticle>> pages) {
		Iterator<Page<PeerArticle>> iterator = pages.iterator();
		return iterator.hasNext() ? iterator.next().items().size() : 0;
	}

	@Override
	public int batchGet() {
		return batchGet(this.batch);
	}

	@Override
	public int batchGetMany() {
		int count = 0;
		for (ReadBatch chunk : this.manyBatches) {
			count += batchGet(chunk);
		}
		return count;
	}

	private int batchGet(ReadBatch batch) {
		BatchGetResultPageIterable pages = this.enhanced.batchGetItem((request) -> request.readBatches(batch));
		int count = 0;
		for (PeerArticle article : pages.resultsForTable(this.articles)) {
			count += (article != null) ? 1 : 0;
		}
		return count;
	}

	@Override
	public int listPages(int pages) {
		int count = 0;
		int read = 0;
		for (Page<PeerArticle> page : this.articles.index("gsitype").query(this.listRequest)) {
			count += page.items().size();
			if (++read == pages) {
				break;
			}
		}
		return count;
	}

	@Override
	public HistoryLocation history(String id) {
		return new HistoryLocation(this.table, "PeerArticle#" + id);
	}

	@Override
	public int deleteHistory(String id) {
		QueryEnhancedRequest query = QueryEnhancedRequest.builder()
			.queryConditional(QueryConditional.keyEqualTo((key) -> key.partitionValue("PeerArticle#" + id)))
			.consistentRead(true)
			.attributesToProject("pk", "sk")
			.build();
		List<Key> keys = new ArrayList<>();
		for (PeerArticle item : this.articles.query(query).items()) {
			keys.add(key(item));
		}
		for (int from = 0; from < keys.size(); from += 25) {
			List<Key> pending = keys.subList(from, Math.min(keys.size(), from + 25));
			while (!pending.isEmpty()) {
				WriteBatch.Builder<PeerArticle> deletes = WriteBatch.builder(PeerArticle.class).mappedTableResource(this.articles);
				pending.forEach(deletes::addDeleteItem);
				BatchWriteResult result = this.enhanced
					.batchWriteItem(BatchWriteItemEnhancedRequest.builder().writeBatches(deletes.build()).build());
				pending = result.unprocessedDeleteItemsForTable(this.articles);
			}
		}
		return keys.size();
	}

	@Override
	public long stream(Consumer<Object> sink) {
		long count = 0;
		for (Page<PeerEvent> page : this.events.index("gsitype").query(this.streamRequest)) {
			for (PeerEvent event : page.items()) {
				sink.accept(event);
				count++;
			}
		}
		return count;
	}

	private static Key key(PeerArticle article) {
		return Key.builder().partitionValue(article.getPk()).sortValue(article.getSk()).build();
	}

	/**
	 * Returns the bean of a document as the peer stores it, with a new id.
	 * @param document the document
	 * @return the unsaved bean
	 */
	public static PeerArticle bean(ArticleDocument document) {
		return article(document);
	}

	/**
	 * Gives a new bean a new id, its keys and its creation time, as singletable does for a new resource.
	 */
	private static <T extends PeerItem> T newItem(T item) {
		String id = UlidCreator.getMonotonicUlid().toString();
		String type = item.getClass().getSimpleName();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		item.setPk(type + "#" + id);
		item.setSk(item.getPk());
		item.setGsitype(type);
		item.setGsitypesk(now.toString());
		item.setResourceId(id);
		item.setCreatedAt(now);
		item.setUpdatedAt(now);
		return item;
	}

	private static PeerArticle article(ArticleDocument document) {
		PeerArticle article = newItem(new PeerArticle());
		article.setGsi1pk("status#" + document.status().name());
		article.setTitle(document.title());
		article.setSummary(document.summary());
		article.setStatus(document.status().name());
		article.setAuthor(document.author());
		article.setTags(document.tags());
		List<PeerSection> sections = new ArrayList<>();
		for (Section section : document.sections()) {
			PeerSection peer = new PeerSection();
			peer.setHeading(section.heading());
			peer.setParagraphs(section.paragraphs());
			List<PeerLink> links = new ArrayList<>();
			for (Link link : section.links()) {
				PeerLink peerLink = new PeerLink();
				peerLink.setUrl(link.url());
				peerLink.setText(link.text());
				links.add(peerLink);
			}
			peer.setLinks(links);
			sections.add(peer);
		}
		article.setSections(sections);
		List<PeerComment> comments = new ArrayList<>();
		for (Comment comment : document.comments()) {
			PeerComment peer = new PeerComment();
			peer.setAuthor(comment.author());
			peer.setText(comment.text());
			peer.setLikes(comment.likes());
			peer.setPostedAt(comment.postedAt());
			comments.add(peer);
		}
		article.setComments(comments);
		article.setMetadata(document.metadata());
		return article;
	}

	private static PeerEvent event(Event source) {
		PeerEvent event = newItem(new PeerEvent());
		event.setSource(source.source());
		event.setKind(source.kind());
		event.setSequence(source.sequence());
		event.setAttributes(source.attributes());
		return event;
	}

	private static Instant later(Instant previous) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		return now.isAfter(previous) ? now : previous.plus(1, ChronoUnit.MICROS);
	}

}
