package dev.singletable.benchmarks.floor;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.f4b6a3.ulid.UlidCreator;
import org.jspecify.annotations.Nullable;

import dev.singletable.benchmarks.blob.Attachments;
import dev.singletable.benchmarks.model.VersionedArticle;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * The floor's blob writes: by hand, the requests singletable sends for a versioned update of
 * {@link dev.singletable.benchmarks.blob.BlobArticle}, in the same order and layout. No read: the floor wrote the
 * version it updates, so it knows which object that version refers to and the object's digest (as singletable
 * knows the versions it wrote or read), and puts {@code v0} on the condition that its blob attributes are still
 * those; the attachment's MD5 compared with that digest; when it differs, the {@code PutObject} of the new attachment at {@code BlobArticle/{id}/v{n}/attachment}, only if absent,
 * with the same user metadata; the {@code TransactWriteItems} of {@link FloorContender#updateVersioned()} with
 * {@code _blob_fields}, {@code _blob_versions} and {@code _blob_digests} on both items. After the answer, on a thread
 * of its own, the prune of {@link FloorPrunes} (its delete returns the pruned version) and, when the pruned version
 * used an object the new version does not: a strongly consistent {@code Query} of the remaining versions' references, then the {@code DeleteObjects} of
 * that object if none uses it. None of
 * singletable's extras: no clean-up of an upload whose items fail, no check of a leftover object.
 */
final class FloorBlobs {

	private static final String TYPE = Attachments.TYPE;

	/**
	 * The condition of {@code v0}'s put: the version read, and Python's filter {@code metadata} absent, which
	 * singletable refuses to drop for a type without {@code @FilterMetadata} (in the same condition).
	 */
	private static final String LATEST_CONDITION = "(attribute_exists(#pk) AND #version = :expected) AND "
			+ "attribute_not_exists(#keep0)";

	private static final Map<String, String> LATEST_NAMES = Map.of("#pk", "pk", "#version", "version", "#keep0",
			"metadata", "#blob0", "_blob_fields", "#blob1", "_blob_versions", "#blob2", "_blob_digests");

	/** And the blob attributes of the version updated are still the ones it was written with. */
	private static final String KNOWN_CONDITION = LATEST_CONDITION
			+ " AND #blob0 = :blob0 AND #blob1 = :blob1 AND #blob2 = :blob2";

	private final DynamoDbClient client;

	private final S3Client s3;

	private final String table;

	private final FloorJson json;

	private final boolean changes;

	private final List<Stored> pool = new ArrayList<>();

	/** The blob references each pooled article's latest version was written with. */
	private final List<References> references = new ArrayList<>();

	private long writes;

	/** Where the clean-ups after the answers run (singletable's background work, by hand). */
	private final FloorBackground cleanups = new FloorBackground("floor-blob-cleanups");

	/** Whether every update is of the first article as it is (see {@code Contender#freezeWrites}). */
	private volatile boolean frozen;

	private @Nullable Stored frozenResult;

	private @Nullable References frozenReferences;

	FloorBlobs(DynamoDbClient client, S3Client s3, String table, FloorJson json, boolean changes) {
		this.changes = changes;
		this.client = client;
		this.s3 = s3;
		this.table = table;
		this.json = json;
	}

	/**
	 * Creates the pool: articles whose history is full, so that every measured update prunes.
	 */
	void setUp(int pool) {
		for (int i = 0; i < pool; i++) {
			Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
			Stored article = new Stored(UlidCreator.getMonotonicUlid().toString(), 1L, now, now, "Attachment " + i);
			byte[] attachment = this.changes ? Attachments.of(-i - 1) : Attachments.unchanged();
			this.s3.putObject((request) -> request.bucket(Attachments.BUCKET)
				.key(Attachments.key(article.id(), 1))
				.metadata(Attachments.metadata(article.id(), 1))
				.contentLength((long) Attachments.SIZE), RequestBody.fromBytes(attachment));
			Map<String, AttributeValue> history = historyItem(article, 1, md5(attachment));
			Map<String, AttributeValue> latest = latestItem(article, 1, md5(attachment));
			this.client.transactWriteItems((request) -> request
				.transactItems(FloorRequests.putIfAbsent(this.table, history),
						FloorRequests.putIfAbsent(this.table, latest))
				.clientRequestToken(UUID.randomUUID().toString()));
			this.pool.add(article);
			this.references.add(new References(1, md5(attachment)));
		}
		for (int i = 0; i < pool * VersionedArticle.MAX_VERSIONS; i++) {
			update();
		}
		awaitCleanups();
	}

	/**
	 * One update, its attachment changed or not as this pool's are; the pool is updated in turn, never rewound (as
	 * singletable's).
	 */
	int update() {
		long sequence = this.writes++;
		int index = this.frozen ? 0 : (int) (sequence % this.pool.size());
		Stored article = this.pool.get(index);
		String id = article.id();
		long next = article.version() + 1;
		long pruned = next - VersionedArticle.MAX_VERSIONS;
		// the version updated is one this floor wrote: its references are known, not read
		References known = this.references.get(index);
		long before = known.reference();
		String storedDigest = known.digest();
		byte[] attachment = this.changes ? Attachments.of(sequence) : Attachments.unchanged();
		String digest = md5(attachment);
		long reference = storedDigest.equals(digest) ? before : next;
		if (reference == next) {
			// the version's own key, written only if absent: no lock
			this.s3.putObject((request) -> request.bucket(Attachments.BUCKET)
				.key(Attachments.key(id, next))
				.metadata(Attachments.metadata(id, next))
				.contentLength((long) attachment.length)
				.ifNoneMatch("*"), RequestBody.fromBytes(attachment));
		}
		Instant now = FloorRequests.later(article.updatedAt());
		Stored updated = new Stored(id, next, article.createdAt(), now, "Revision " + sequence);
		Map<String, AttributeValue> values = new HashMap<>(4);
		values.put(":expected", AttributeValue.fromN(Long.toString(article.version())));
		Map<String, AttributeValue> knownItem = new HashMap<>(4);
		references(knownItem, before, storedDigest);
		values.put(":blob0", knownItem.get("_blob_fields"));
		values.put(":blob1", knownItem.get("_blob_versions"));
		values.put(":blob2", knownItem.get("_blob_digests"));
		List<TransactWriteItem> items = FloorRequests.versionedItems(this.table, historyItem(updated, reference, digest),
				latestItem(updated, reference, digest), KNOWN_CONDITION, LATEST_NAMES, values);
		this.client.transactWriteItems(
				(request) -> request.transactItems(items).clientRequestToken(UUID.randomUUID().toString()));
		if (this.frozen) {
			// the first of these writes is stored (the recording), the others answered alike
			this.frozenResult = updated;
			this.frozenReferences = new References(reference, digest);
		}
		else {
			this.pool.set(index, updated);
			this.references.set(index, new References(reference, digest));
		}
		if (pruned >= 1) {
			// after the answer, as singletable's: the prune, then the clean-up of the object only it used
			Runnable after = () -> {
				Map<String, AttributeValue> prunedItem = FloorPrunes.prune(this.client, this.table, TYPE, id, next,
						true);
				long used = (prunedItem != null)
						? Long.parseLong(prunedItem.get("_blob_versions").m().get(Attachments.FIELD).n()) : reference;
				if (used != reference) {
					deleteUnreferenced(id, used);
				}
			};
			this.cleanups.after(id, after);
		}
		return 1;
	}

	/**
	 * Runs the clean-ups before the answers (see {@code BackgroundWork#setInline}), or after them again.
	 */
	void setInline(boolean inline) {
		this.cleanups.setInline(inline);
	}

	void freeze(boolean frozen) {
		this.frozen = frozen;
		Stored written = this.frozenResult;
		References writtenReferences = this.frozenReferences;
		if (!frozen && written != null && writtenReferences != null) {
			this.pool.set(0, written);
			this.references.set(0, writtenReferences);
			this.frozenResult = null;
			this.frozenReferences = null;
		}
	}

	/**
	 * Waits until the clean-ups after the answers ended.
	 */
	void awaitCleanups() {
		this.cleanups.await();
	}

	/**
	 * Deletes the object of version {@code used} unless a remaining version refers to it.
	 */
	private void deleteUnreferenced(String id, long used) {
		QueryResponse versions = this.client.query((request) -> request.tableName(this.table)
			.keyConditionExpression("#pk = :pk AND begins_with(#sk, :v)")
			.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TYPE + "#" + id), ":v", AttributeValue.fromS("v")))
			.consistentRead(true)
			.projectionExpression("#pk, #sk, #a0, #a1, #a2")
			.expressionAttributeNames(Map.of("#pk", "pk", "#sk", "sk", "#a0", "version", "#a1", "_blob_fields", "#a2",
					"_blob_versions")));
		for (Map<String, AttributeValue> item : versions.items()) {
			AttributeValue references = item.get("_blob_versions");
			if (references != null && Long.parseLong(references.m().get(Attachments.FIELD).n()) == used) {
				return;
			}
		}
		this.s3.deleteObjects((request) -> request.bucket(Attachments.BUCKET)
			.delete((delete) -> delete.objects(ObjectIdentifier.builder().key(Attachments.key(id, used)).build()).quiet(true)));
	}

	private Map<String, AttributeValue> historyItem(Stored article, long reference, String digest) {
		Map<String, AttributeValue> item = new LinkedHashMap<>(8);
		item.put("pk", AttributeValue.fromS(TYPE + "#" + article.id()));
		item.put("sk", AttributeValue.fromS("v" + article.version()));
		item.put("data", data(article));
		item.put("version", AttributeValue.fromN(Long.toString(article.version())));
		references(item, reference, digest);
		return item;
	}

	private Map<String, AttributeValue> latestItem(Stored article, long reference, String digest) {
		Map<String, AttributeValue> item = new LinkedHashMap<>(10);
		item.put("pk", AttributeValue.fromS(TYPE + "#" + article.id()));
		item.put("sk", AttributeValue.fromS("v0"));
		item.put("data", data(article));
		item.put("version", AttributeValue.fromN(Long.toString(article.version())));
		item.put("gsitype", AttributeValue.fromS(TYPE));
		item.put("gsitypesk", AttributeValue.fromS(FloorJson.format(article.updatedAt())));
		references(item, reference, digest);
		return item;
	}

	private AttributeValue data(Stored article) {
		return AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(this.json.compress(article)));
	}

	private static void references(Map<String, AttributeValue> item, long reference, String digest) {
		item.put("_blob_fields", AttributeValue.fromL(List.of(AttributeValue.fromS(Attachments.FIELD))));
		item.put("_blob_versions",
				AttributeValue.fromM(Map.of(Attachments.FIELD, AttributeValue.fromN(Long.toString(reference)))));
		item.put("_blob_digests",
				AttributeValue.fromM(Map.of(Attachments.FIELD, AttributeValue.fromS(reference + ":" + digest))));
	}

	private static String md5(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * What the floor keeps of a blob article between updates; its JSON is the {@code data} singletable writes (the
	 * attachment is not in it).
	 *
	 * @param id the id
	 * @param version the version
	 * @param createdAt the creation time
	 * @param updatedAt the last modification time
	 * @param title the title
	 */
	record Stored(String id, Long version, Instant createdAt, Instant updatedAt, String title) {
	}

	/**
	 * The blob references a version was written with.
	 * @param reference the version whose object holds the attachment
	 * @param digest the attachment's MD5
	 */
	record References(long reference, String digest) {
	}

}
