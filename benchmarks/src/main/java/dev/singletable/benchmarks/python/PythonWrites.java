package dev.singletable.benchmarks.python;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.f4b6a3.ulid.UlidCreator;
import org.jspecify.annotations.Nullable;

import dev.singletable.benchmarks.Fixture;
import dev.singletable.benchmarks.Operation;
import dev.singletable.benchmarks.blob.Attachments;
import dev.singletable.benchmarks.floor.FloorItems;
import dev.singletable.benchmarks.floor.FloorJson;
import dev.singletable.benchmarks.model.ArticleDocument;
import dev.singletable.benchmarks.model.Documents;
import dev.singletable.benchmarks.model.PlainArticle;
import dev.singletable.benchmarks.model.Status;
import dev.singletable.benchmarks.model.VersionedArticle;
import dev.singletable.core.SingleTableTemplate;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The harness's writes as the Python library {@code simplesingletable} 16.5.0 sends them ({@link PythonPattern}),
 * on the items the floor writes (singletable's layout: the same compressed {@code data}, keys and index
 * attributes), on a table of their own, each article of a pool updated in turn so that every versioned update
 * prunes one version:
 * <ul>
 * <li>create: {@code create_new} of a {@code VersionedArticle}.</li>
 * <li>versioned update: {@code update_existing} at {@code max_versions = 5}.</li>
 * <li>audited versioned update: {@code update_existing} of a type with {@code audit_config} enabled and
 * {@code track_field_changes}: the same requests, then {@code dynamodb_memory.py: _create_audit_log}'s
 * {@code PutItem} of the audit row (the floor's row, changed fields from the caller's resource: no read), after
 * the transaction, not in it.</li>
 * <li>blob writes: {@code update_existing} of a {@code BlobArticle} whose {@code attachment} is a blob field.
 * Changed: the update carries the new bytes, so the new version refers to its own object, uploaded after the
 * transaction ({@code _update_existing_versioned} → {@code S3BlobStorage.put_blob}, a {@code PutObject} without a
 * condition). Unchanged: the update leaves the field out (the library compares no digest; a resource read without
 * {@code load_blobs} holds no bytes), so {@code models.py: DynamoDbVersionedResource.update_existing} keeps the
 * reference of the version before and nothing is uploaded. The items carry the library's {@code _blob_fields} and
 * {@code _blob_versions}, not singletable's {@code _blob_digests}.</li>
 * <li>plain update: {@code update_existing} of a non-versioned resource, one unconditional {@code PutItem}.</li>
 * <li>transaction: {@code with memory.transaction() as tx}: {@code tx.update} of a pooled versioned article,
 * {@code tx.update(PlainArticle, id, title=...)} and {@code tx.increment(Event, id, "sequence", 1)}.</li>
 * </ul>
 */
public final class PythonWrites {

	private static final String TYPE = "VersionedArticle";

	private static final String AUDITED_TYPE = "AuditedArticle";

	private static final String BLOB_TYPE = Attachments.TYPE;

	private final PythonPattern pattern;

	private final DynamoDbClient client;

	private final S3Client s3;

	private final FloorJson json = new FloorJson();

	private Fixture fixture = new Fixture(Fixture.PAGE, 1, 1);

	private final List<VersionedArticle> versioned = new ArrayList<>();

	private final List<VersionedArticle> audited = new ArrayList<>();

	private final List<PlainArticle> plain = new ArrayList<>();

	private final List<Blob> blobs = new ArrayList<>();

	private final List<Blob> unchangedBlobs = new ArrayList<>();

	private String counterId = "";

	private long counter;

	/** Blob writes: never rewound, so that each pool is updated in turn (as singletable's and the floor's). */
	private long blobWrites;

	private long unchangedBlobWrites;

	/**
	 * Creates the writes on a table, which must exist, and the benchmark's bucket, which must exist.
	 * @param client the DynamoDB client
	 * @param table the table
	 * @param s3 the S3 client of {@link Attachments#BUCKET}
	 */
	public PythonWrites(DynamoDbClient client, String table, S3Client s3) {
		this.client = client;
		this.s3 = s3;
		this.pattern = new PythonPattern(client, table, VersionedArticle.MAX_VERSIONS);
	}

	/**
	 * Stores the pools the updates cycle through, each article at {@code max_versions} versions, and the counter
	 * of the transactions.
	 * @param fixture the documents and the pool size
	 */
	public void setUp(Fixture fixture) {
		this.fixture = fixture;
		for (int i = 0; i < fixture.pool(); i++) {
			this.versioned.add(createVersioned(TYPE, fixture.document(i).withStatus(Status.DRAFT)));
			this.audited.add(createVersioned(AUDITED_TYPE, fixture.document(i).withStatus(Status.DRAFT)));
			PlainArticle article = plain(fixture.document(i).withStatus(Status.DRAFT));
			this.pattern.put(FloorItems.plainItem(article));
			this.plain.add(article);
			this.blobs.add(createBlob("Attachment " + i, Attachments.of(-i - 1)));
			this.unchangedBlobs.add(createBlob("Attachment " + i, Attachments.unchanged()));
		}
		// every pooled article past the window, so that each measured update prunes one version (one pool after
		// the other: the versioned and the audited updates take turns through the pools on one counter)
		for (Runnable update : List.<Runnable>of(this::updateVersioned, this::updateAudited, this::updateBlob,
				this::updateBlobUnchanged)) {
			for (int i = 0; i < fixture.pool() * VersionedArticle.MAX_VERSIONS; i++) {
				update.run();
			}
		}
		// the transactions' counter: the event singletable writes, written by the template on this table
		this.counterId = new SingleTableTemplate(this.client, this.pattern.table())
			.create(Documents.event(fixture.events() - 1))
			.id();
	}

	/**
	 * Restarts the documents and titles, as the contenders' {@code rewind}.
	 */
	public void rewind() {
		this.counter = 0;
	}

	/**
	 * Runs one write.
	 * @param operation a write of the harness
	 * @throws IllegalArgumentException for a read
	 */
	public void run(Operation operation) {
		switch (operation) {
			case CREATE -> createVersioned(TYPE, this.fixture.document(this.counter++).withStatus(Status.DRAFT));
			case UPDATE_VERSIONED -> updateVersioned();
			case UPDATE_AUDITED -> updateAudited();
			case UPDATE_BLOB -> updateBlob();
			case UPDATE_BLOB_UNCHANGED -> updateBlobUnchanged();
			case UPDATE_PLAIN -> updatePlain();
			case TRANSACTION -> transaction();
			default -> throw new IllegalArgumentException(operation + " is not a write; the Python pattern has writes only");
		}
	}

	private VersionedArticle createVersioned(String type, ArticleDocument document) {
		Instant now = now();
		VersionedArticle article = new VersionedArticle(UlidCreator.getMonotonicUlid().toString(), 1L, now, now,
				document.title(), document.summary(), document.status(), document.author(), document.tags(),
				document.sections(), document.comments(), document.metadata());
		AttributeValue data = data(article);
		this.pattern.create(FloorItems.historyItem(type, article, data), FloorItems.latestItem(type, article, data));
		return article;
	}

	private void updateVersioned() {
		int index = (int) (this.counter++ % this.versioned.size());
		VersionedArticle updated = nextVersion(this.versioned.get(index), "Revision " + this.counter);
		AttributeValue data = data(updated);
		this.pattern.update(FloorItems.historyItem(TYPE, updated, data), FloorItems.latestItem(TYPE, updated, data));
		this.versioned.set(index, updated);
	}

	private void updateAudited() {
		int index = (int) (this.counter++ % this.audited.size());
		VersionedArticle article = this.audited.get(index);
		VersionedArticle updated = nextVersion(article, "Revision " + this.counter);
		AttributeValue data = data(updated);
		this.pattern.update(FloorItems.historyItem(AUDITED_TYPE, updated, data),
				FloorItems.latestItem(AUDITED_TYPE, updated, data));
		this.pattern.put(FloorItems.auditRow(AUDITED_TYPE, article, updated));
		this.audited.set(index, updated);
	}

	private void updatePlain() {
		int index = (int) (this.counter++ % this.plain.size());
		PlainArticle updated = nextPlain(this.plain.get(index), "Revision " + this.counter);
		this.pattern.put(FloorItems.plainItem(updated));
		this.plain.set(index, updated);
	}

	private void updateBlob() {
		long sequence = this.blobWrites++;
		int index = (int) (sequence % this.blobs.size());
		this.blobs.set(index, updateBlob(this.blobs.get(index), "Revision " + sequence, Attachments.of(sequence)));
	}

	private void updateBlobUnchanged() {
		long sequence = this.unchangedBlobWrites++;
		int index = (int) (sequence % this.unchangedBlobs.size());
		this.unchangedBlobs.set(index, updateBlob(this.unchangedBlobs.get(index), "Revision " + sequence, null));
	}

	private void transaction() {
		int index = (int) (this.counter++ % this.versioned.size());
		String title = "Revision " + this.counter;
		VersionedArticle updated = nextVersion(this.versioned.get(index), title);
		PlainArticle plainUpdated = nextPlain(this.plain.get(index % this.plain.size()), title);
		AttributeValue data = data(updated);
		String plainKey = "PlainArticle#" + plainUpdated.id();
		String counterKey = "Event#" + this.counterId;
		this.pattern.transaction(FloorItems.historyItem(TYPE, updated, data), FloorItems.latestItem(TYPE, updated, data),
				List.of(this.pattern.setFields(PythonPattern.key(plainKey, plainKey),
						Map.of("title", AttributeValue.fromS(title), "updated_at",
								AttributeValue.fromS(FloorJson.format(plainUpdated.updatedAt())))),
						this.pattern.increment(PythonPattern.key(counterKey, counterKey), "sequence", 1)));
		this.versioned.set(index, updated);
		this.plain.set(index % this.plain.size(), plainUpdated);
	}

	/** {@code create_new} of a blob article: the transaction, the upload of version 1's object, the read. */
	private Blob createBlob(String title, byte[] attachment) {
		Instant now = now();
		Blob article = new Blob(UlidCreator.getMonotonicUlid().toString(), 1L, now, now, title, 1L);
		Map<String, AttributeValue> history = blobItem(article, false);
		Map<String, AttributeValue> latest = blobItem(article, true);
		this.pattern.create(history, latest, () -> upload(article.id(), 1, attachment));
		return article;
	}

	/**
	 * {@code update_existing} of a blob article: with new bytes the new version refers to its own object, uploaded
	 * after the transaction; without, it keeps the reference of the version before.
	 */
	private Blob updateBlob(Blob article, String title, byte @Nullable [] attachment) {
		long next = article.version() + 1;
		Blob updated = new Blob(article.id(), next, article.createdAt(), now(), title,
				(attachment != null) ? next : article.reference());
		this.pattern.update(blobItem(updated, false), blobItem(updated, true), () -> {
			if (attachment != null) {
				upload(article.id(), next, attachment);
			}
		});
		return updated;
	}

	/** {@code S3BlobStorage.put_blob}: a {@code PutObject} at the version's key, with the library's metadata. */
	private void upload(String id, long version, byte[] attachment) {
		this.s3.putObject((request) -> request.bucket(Attachments.BUCKET)
			.key(Attachments.key(id, version))
			.metadata(Attachments.metadata(id, version))
			.contentLength((long) attachment.length), RequestBody.fromBytes(attachment));
	}

	private Map<String, AttributeValue> blobItem(Blob article, boolean latest) {
		Map<String, AttributeValue> item = new LinkedHashMap<>(10);
		item.put("pk", AttributeValue.fromS(BLOB_TYPE + "#" + article.id()));
		item.put("sk", AttributeValue.fromS(latest ? "v0" : "v" + article.version()));
		item.put("data", AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(this.json.compress(article.data()))));
		item.put("version", AttributeValue.fromN(Long.toString(article.version())));
		if (latest) {
			item.put("gsitype", AttributeValue.fromS(BLOB_TYPE));
			item.put("gsitypesk", AttributeValue.fromS(FloorJson.format(article.updatedAt())));
		}
		item.put("_blob_fields", AttributeValue.fromL(List.of(AttributeValue.fromS(Attachments.FIELD))));
		item.put("_blob_versions",
				AttributeValue.fromM(Map.of(Attachments.FIELD, AttributeValue.fromN(Long.toString(article.reference())))));
		return item;
	}

	private AttributeValue data(VersionedArticle article) {
		return AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(this.json.compress(article)));
	}

	private static VersionedArticle nextVersion(VersionedArticle article, String title) {
		return new VersionedArticle(article.id(), article.version() + 1, article.createdAt(), now(), title,
				article.summary(), article.status(), article.author(), article.tags(), article.sections(),
				article.comments(), article.metadata());
	}

	private static PlainArticle plain(ArticleDocument document) {
		Instant now = now();
		return new PlainArticle(UlidCreator.getMonotonicUlid().toString(), 1L, now, now, document.title(),
				document.summary(), document.status(), document.author(), document.tags(), document.sections(),
				document.comments(), document.metadata());
	}

	private static PlainArticle nextPlain(PlainArticle article, String title) {
		return new PlainArticle(article.id(), article.version() + 1, article.createdAt(), now(), title,
				article.summary(), article.status(), article.author(), article.tags(), article.sections(),
				article.comments(), article.metadata());
	}

	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

	/**
	 * A blob article between updates.
	 *
	 * @param id the id
	 * @param version the version
	 * @param createdAt the creation time
	 * @param updatedAt the last modification time
	 * @param title the title
	 * @param reference the version whose object holds the attachment ({@code _blob_versions})
	 */
	record Blob(String id, Long version, Instant createdAt, Instant updatedAt, String title, long reference) {

		/** What {@code data} holds: the fields singletable's {@code BlobArticle} writes there (not the attachment). */
		Stored data() {
			return new Stored(this.id, this.version, this.createdAt, this.updatedAt, this.title);
		}

	}

	/**
	 * The JSON of a blob article's {@code data}, the floor's and singletable's.
	 *
	 * @param id the id
	 * @param version the version
	 * @param createdAt the creation time
	 * @param updatedAt the last modification time
	 * @param title the title
	 */
	record Stored(String id, Long version, Instant createdAt, Instant updatedAt, String title) {
	}

}
