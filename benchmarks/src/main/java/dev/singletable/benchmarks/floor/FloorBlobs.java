package dev.singletable.benchmarks.floor;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.github.f4b6a3.ulid.UlidCreator;
import dev.singletable.benchmarks.blob.Attachments;
import dev.singletable.benchmarks.model.VersionedArticle;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The floor's blob writes: by hand, the requests singletable sends for a versioned update of
 * {@link dev.singletable.benchmarks.blob.BlobArticle} whose attachment changed, in the same order and layout. A
 * strongly consistent {@code GetItem} of the version updated (which version's object it refers to), a
 * {@code HeadObject} of that object (is the new attachment the same bytes? its ETag is their MD5), the
 * {@code PutObject} of the new attachment at {@code BlobArticle/{id}/v{n}/attachment} with the same user metadata,
 * the {@code TransactWriteItems} of {@link FloorContender#updateVersioned()} with {@code _blob_fields} and
 * {@code _blob_versions} on both items, then, as a version was pruned, a strongly consistent {@code Query} of the
 * remaining versions' references, a {@code ListObjectsV2} of the article's objects and a {@code DeleteObjects} of
 * those only pruned versions used. With an unchanged attachment, the {@code HeadObject} finds it stored: no
 * {@code PutObject}, the new version refers to the object of the version updated, and nothing is left to delete.
 * None of singletable's extras: no clean-up of an upload whose items fail.
 */
final class FloorBlobs {

	private static final String TYPE = "BlobArticle";

	/**
	 * The condition of {@code v0}'s put: the version read, and Python's filter {@code metadata} absent, which
	 * singletable refuses to drop for a type without {@code @FilterMetadata} (in the same condition).
	 */
	private static final String LATEST_CONDITION = "(attribute_exists(#pk) AND #version = :expected) AND "
			+ "attribute_not_exists(#keep0)";

	private static final Map<String, String> LATEST_NAMES = Map.of("#pk", "pk", "#version", "version", "#keep0",
			"metadata");

	private final DynamoDbClient client;

	private final S3Client s3;

	private final String table;

	private final FloorJson json;

	private final boolean changes;

	private final List<Stored> pool = new ArrayList<>();

	private long writes;

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
			this.s3.putObject((request) -> request.bucket(Attachments.BUCKET)
				.key(key(article.id(), 1))
				.metadata(metadata(article.id(), 1))
				.contentLength((long) Attachments.SIZE),
					RequestBody.fromBytes(this.changes ? Attachments.of(-i - 1) : Attachments.unchanged()));
			Map<String, AttributeValue> history = historyItem(article, 1);
			Map<String, AttributeValue> latest = latestItem(article, 1);
			this.client.transactWriteItems((request) -> request
				.transactItems(FloorRequests.putIfAbsent(this.table, history),
						FloorRequests.putIfAbsent(this.table, latest))
				.clientRequestToken(UUID.randomUUID().toString()));
			this.pool.add(article);
		}
		for (int i = 0; i < pool * VersionedArticle.MAX_VERSIONS; i++) {
			update();
		}
	}

	/**
	 * One update, its attachment changed or not as this pool's are; the pool is updated in turn, never rewound (as
	 * singletable's).
	 */
	/** The key prefix of the blob lock items singletable takes (see its {@code BlobLocks}). */
	private static final String LOCK_PREFIX = "_INTERNAL#BlobLock#";

	int update() {
		long sequence = this.writes++;
		int index = (int) (sequence % this.pool.size());
		Stored article = this.pool.get(index);
		String id = article.id();
		long next = article.version() + 1;
		Map<String, AttributeValue> stored = this.client
			.getItem((request) -> request.tableName(this.table)
				.key(FloorRequests.key(TYPE + "#" + id, "v" + article.version()))
				.consistentRead(true))
			.item();
		long before = Long.parseLong(stored.get("_blob_versions").m().get(Attachments.FIELD).n());
		byte[] attachment = this.changes ? Attachments.of(sequence) : Attachments.unchanged();
		String etag = this.s3.headObject((request) -> request.bucket(Attachments.BUCKET).key(key(id, before))).eTag();
		long reference = etag.replace("\"", "").equalsIgnoreCase(md5(attachment)) ? before : next;
		// the resource's blob lock, held across the upload, the items and the clean-up (as singletable's)
		String lock = LOCK_PREFIX + TYPE + "#" + id;
		String token = UlidCreator.getMonotonicUlid().toString();
		long now0 = System.currentTimeMillis();
		this.client.updateItem((request) -> request.tableName(this.table)
			.key(FloorRequests.key(lock, lock))
			.updateExpression("SET #token = :token, #expires = :expires")
			.conditionExpression("attribute_not_exists(#pk) OR #expires < :now OR #token = :token")
			.expressionAttributeNames(Map.of("#pk", "pk", "#expires", "lock_expires_at", "#token", "lock_token"))
			.expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now0)), ":token",
					AttributeValue.fromS(token), ":expires", AttributeValue.fromN(Long.toString(now0 + 60_000))))
			.returnValuesOnConditionCheckFailure(
					software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure.ALL_OLD));
		if (reference == next) {
			this.s3.putObject((request) -> request.bucket(Attachments.BUCKET)
				.key(key(id, next))
				.metadata(metadata(id, next))
				.contentLength((long) attachment.length), RequestBody.fromBytes(attachment));
		}
		Instant now = FloorRequests.later(article.updatedAt());
		Stored updated = new Stored(id, next, article.createdAt(), now, "Revision " + sequence);
		List<TransactWriteItem> items = FloorRequests.versionedItems(this.table, TYPE, id, article.version(),
				historyItem(updated, reference), latestItem(updated, reference), LATEST_CONDITION, LATEST_NAMES);
		this.client.transactWriteItems(
				(request) -> request.transactItems(items).clientRequestToken(UUID.randomUUID().toString()));
		this.pool.set(index, updated);
		long upTo = next - VersionedArticle.MAX_VERSIONS;
		if (upTo >= 1) {
			deleteUnreferenced(id, upTo);
		}
		this.client.deleteItem((request) -> request.tableName(this.table)
			.key(FloorRequests.key(lock, lock))
			.conditionExpression("#token = :token")
			.expressionAttributeNames(Map.of("#token", "lock_token"))
			.expressionAttributeValues(Map.of(":token", AttributeValue.fromS(token))));
		return 1;
	}

	/**
	 * Deletes the objects of versions up to {@code upTo} that no remaining version refers to.
	 */
	private void deleteUnreferenced(String id, long upTo) {
		QueryResponse versions = this.client.query((request) -> request.tableName(this.table)
			.keyConditionExpression("#pk = :pk AND begins_with(#sk, :v)")
			.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TYPE + "#" + id), ":v", AttributeValue.fromS("v")))
			.consistentRead(true)
			.projectionExpression("#pk, #sk, #a0, #a1, #a2")
			.expressionAttributeNames(Map.of("#pk", "pk", "#sk", "sk", "#a0", "version", "#a1", "_blob_fields", "#a2",
					"_blob_versions")));
		Set<Long> referenced = new HashSet<>();
		for (Map<String, AttributeValue> item : versions.items()) {
			AttributeValue references = item.get("_blob_versions");
			if (references != null) {
				referenced.add(Long.parseLong(references.m().get(Attachments.FIELD).n()));
			}
		}
		String prefix = TYPE + "/" + id + "/";
		ListObjectsV2Response listed = this.s3
			.listObjectsV2((request) -> request.bucket(Attachments.BUCKET).prefix(prefix).maxKeys(1000));
		List<ObjectIdentifier> orphans = new ArrayList<>();
		for (S3Object object : listed.contents()) {
			String rest = object.key().substring(prefix.length());
			long version = Long.parseLong(rest.substring(1, rest.indexOf('/')));
			if (version <= upTo && !referenced.contains(version)) {
				orphans.add(ObjectIdentifier.builder().key(object.key()).build());
			}
		}
		if (!orphans.isEmpty()) {
			this.s3.deleteObjects((request) -> request.bucket(Attachments.BUCKET)
				.delete((delete) -> delete.objects(orphans).quiet(true)));
		}
	}

	private Map<String, AttributeValue> historyItem(Stored article, long reference) {
		Map<String, AttributeValue> item = new LinkedHashMap<>(8);
		item.put("pk", AttributeValue.fromS(TYPE + "#" + article.id()));
		item.put("sk", AttributeValue.fromS("v" + article.version()));
		item.put("data", data(article));
		item.put("version", AttributeValue.fromN(Long.toString(article.version())));
		references(item, reference);
		return item;
	}

	private Map<String, AttributeValue> latestItem(Stored article, long reference) {
		Map<String, AttributeValue> item = new LinkedHashMap<>(10);
		item.put("pk", AttributeValue.fromS(TYPE + "#" + article.id()));
		item.put("sk", AttributeValue.fromS("v0"));
		item.put("data", data(article));
		item.put("version", AttributeValue.fromN(Long.toString(article.version())));
		item.put("gsitype", AttributeValue.fromS(TYPE));
		item.put("gsitypesk", AttributeValue.fromS(FloorJson.format(article.updatedAt())));
		references(item, reference);
		return item;
	}

	private AttributeValue data(Stored article) {
		return AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(this.json.compress(article)));
	}

	private static void references(Map<String, AttributeValue> item, long reference) {
		item.put("_blob_fields", AttributeValue.fromL(List.of(AttributeValue.fromS(Attachments.FIELD))));
		item.put("_blob_versions",
				AttributeValue.fromM(Map.of(Attachments.FIELD, AttributeValue.fromN(Long.toString(reference)))));
	}

	private static String key(String id, long version) {
		return TYPE + "/" + id + "/v" + version + "/" + Attachments.FIELD;
	}

	/** The user metadata singletable (and {@code simplesingletable}) gives an object. */
	private static Map<String, String> metadata(String id, long version) {
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("resource_type", TYPE);
		metadata.put("resource_id", id);
		metadata.put("field_name", Attachments.FIELD);
		metadata.put("compressed", "False");
		metadata.put("version", Long.toString(version));
		return metadata;
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

}
