package dev.singletable.core.blob;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.util.Assert;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores blob property values as S3 objects in {@code simplesingletable}'s layout, so that either library reads
 * what the other wrote: keys as {@link BlobLocation#key(String)} builds them; the body is the raw bytes of a
 * {@code byte[]} or the value's JSON (written by the storage mapper), gzip-compressed when the {@link BlobSpec}
 * says so; user metadata {@code resource_type}, {@code resource_id}, {@code field_name}, {@code compressed}
 * ({@code True}/{@code False}, as Python's {@code str(bool)} writes it; read case-insensitively) and, for
 * versioned types, {@code version}; the content type when one is set. The size limit applies to the stored bytes
 * (after compression), on write and on read.
 * <p>
 * Reads go through an in-process LRU cache ({@link BlobCacheSettings}, on by default with {@code simplesingletable}'s
 * limits) keyed by the object key: an object under a versioned key never changes, and this storage forgets a key
 * whenever it writes, copies over or deletes it, so that this process never reads its own superseded objects. An
 * object another process rewrites or deletes is seen once its cached copy expires.
 * <p>
 * Failures are typed: {@link BlobTooLargeException}, {@link BlobNotFoundException}, else
 * {@link BlobStorageException} naming the resource, the property and the key. Thread-safe.
 */
public final class BlobStorage {

	/** Most keys per {@code DeleteObjects} request, S3's limit. */
	static final int DELETE_BATCH = 1000;

	private final S3Client client;

	private final String bucket;

	private final String keyPrefix;

	private final JsonMapper jsonMapper;

	private final BlobCache cache;

	private final BlobRequests requests;

	private final BlobReader reader;

	private final BlobKeys keys;

	/**
	 * Creates the storage with the default cache ({@link BlobCacheSettings#DEFAULT}).
	 * @param client the S3 client
	 * @param bucket the bucket that holds the objects
	 * @param keyPrefix the key prefix, may be empty (the Python library's {@code s3_key_prefix})
	 * @param jsonMapper the mapper that writes and reads values, normally the storage mapper of the converter
	 */
	public BlobStorage(S3Client client, String bucket, String keyPrefix, JsonMapper jsonMapper) {
		this(client, bucket, keyPrefix, jsonMapper, BlobCacheSettings.DEFAULT);
	}

	/**
	 * Creates the storage with the given cache limits.
	 * @param client the S3 client
	 * @param bucket the bucket that holds the objects
	 * @param keyPrefix the key prefix, may be empty (the Python library's {@code s3_key_prefix})
	 * @param jsonMapper the mapper that writes and reads values, normally the storage mapper of the converter
	 * @param cache the cache limits, {@link BlobCacheSettings#DISABLED} for none
	 */
	public BlobStorage(S3Client client, String bucket, String keyPrefix, JsonMapper jsonMapper,
			BlobCacheSettings cache) {
		this(client, bucket, keyPrefix, jsonMapper, DELETE_BATCH, DELETE_BATCH, cache, Clock.systemUTC());
	}

	/**
	 * Creates the storage with smaller delete batches and list pages, for tests.
	 */
	BlobStorage(S3Client client, String bucket, String keyPrefix, JsonMapper jsonMapper, int deleteBatch,
			int listPageSize) {
		this(client, bucket, keyPrefix, jsonMapper, deleteBatch, listPageSize, BlobCacheSettings.DEFAULT,
				Clock.systemUTC());
	}

	/**
	 * Creates the storage with a clock for the cache's expiry, for tests.
	 */
	BlobStorage(S3Client client, String bucket, String keyPrefix, JsonMapper jsonMapper, int deleteBatch,
			int listPageSize, BlobCacheSettings cache, Clock clock) {
		Assert.notNull(client, "S3Client must not be null");
		Assert.hasText(bucket, "Bucket must not be empty");
		Assert.notNull(keyPrefix, "Key prefix must not be null (use \"\")");
		Assert.notNull(jsonMapper, "JsonMapper must not be null");
		Assert.notNull(cache, "BlobCacheSettings must not be null (use BlobCacheSettings.DISABLED)");
		this.client = client;
		this.bucket = bucket;
		this.keyPrefix = keyPrefix;
		this.jsonMapper = jsonMapper;
		this.cache = new BlobCache(cache, clock);
		this.requests = new BlobRequests(bucket, this.cache);
		this.reader = new BlobReader(client, bucket, this.cache, this.requests);
		this.keys = new BlobKeys(client, bucket, this.cache, this.requests, deleteBatch, listPageSize);
	}

	/**
	 * Returns the counters of the cache.
	 * @return a snapshot of hits, misses, evictions and what the cache holds; all zero when it is disabled
	 */
	public BlobCacheStats getCacheStats() {
		return this.cache.isEnabled() ? this.cache.stats() : BlobCacheStats.EMPTY;
	}

	/**
	 * Empties the cache, so that the next read of every object goes to S3 (for example after another process
	 * rewrote objects this one may have cached). Hits, misses and evictions keep counting.
	 */
	public void clearCache() {
		this.cache.clear();
	}

	/**
	 * Returns the bucket.
	 * @return the bucket name
	 */
	public String getBucket() {
		return this.bucket;
	}

	/**
	 * Returns the object key of a location.
	 * @param location the location
	 * @return the key
	 */
	public String key(BlobLocation location) {
		return location.key(this.keyPrefix);
	}

	/**
	 * Writes a value: its bytes as stored are computed (and checked against the limit) before anything is sent.
	 * @param location where the value goes
	 * @param value the value: a {@code byte[]} is stored as is, anything else as JSON
	 * @param spec compression, content type and limit
	 * @return what was stored
	 * @throws BlobTooLargeException when the stored bytes would exceed the limit; nothing is written
	 * @throws BlobStorageException when the value cannot be written as JSON or S3 refuses the write
	 */
	public StoredBlob write(BlobLocation location, Object value, BlobSpec spec) {
		return write(prepare(location, value, spec));
	}

	/**
	 * Computes the bytes a value is stored as and checks them against the limit, without sending anything: a write
	 * of several objects prepares them all first, so that one too large stops it before any object is written.
	 * @param location where the value goes
	 * @param value the value: a {@code byte[]} is stored as is, anything else as JSON
	 * @param spec compression, content type and limit
	 * @return the object, ready to {@link #write(PreparedBlob) write}
	 * @throws BlobTooLargeException when the stored bytes would exceed the limit
	 * @throws BlobStorageException when the value cannot be written as JSON
	 */
	public PreparedBlob prepare(BlobLocation location, Object value, BlobSpec spec) {
		Assert.notNull(value, "Value must not be null (a null blob property has no object)");
		return new PreparedBlob(location, spec,
				BlobObjectFormat.encode(this.jsonMapper, location, key(location), value, spec));
	}

	/**
	 * Writes a prepared object.
	 * @param blob the object
	 * @return what was stored
	 * @throws BlobStorageException when S3 refuses the write
	 */
	public StoredBlob write(PreparedBlob blob) {
		return put(blob, false);
	}

	/**
	 * Writes a prepared object unless S3 already holds one at its key (a conditional write,
	 * {@code If-None-Match: *}): a write of a version's object must not replace the object another write of the
	 * same version stored. A store that ignores the condition writes the object.
	 * @param blob the object
	 * @return what was stored, or empty when nothing was written: an object exists at the key, or the store does
	 * not implement conditional writes (answers 501), so the caller must find out otherwise
	 * @throws BlobStorageException when S3 refuses the write for another reason
	 */
	public Optional<StoredBlob> writeIfAbsent(PreparedBlob blob) {
		try {
			return Optional.of(put(blob, true));
		}
		catch (BlobStorageException ex) {
			if (ex.getCause() instanceof S3Exception s3 && (s3.statusCode() == 412 || s3.statusCode() == 501)) {
				return Optional.empty();
			}
			throw ex;
		}
	}

	private StoredBlob put(PreparedBlob blob, boolean ifAbsent) {
		BlobLocation location = blob.location();
		BlobSpec spec = blob.spec();
		byte[] body = blob.body();
		String key = key(location);
		Map<String, String> metadata = BlobObjectFormat.metadata(location, spec);
		PutObjectResponse response = this.requests.changing(key,
				() -> this.requests.run(location, key, "write", () -> this.client.putObject((request) -> {
					request.bucket(this.bucket).key(key).metadata(metadata).contentLength((long) body.length);
					if (ifAbsent) {
						request.ifNoneMatch("*");
					}
					if (spec.contentType() != null) {
						request.contentType(spec.contentType());
					}
				}, RequestBody.fromBytes(body))));
		return new StoredBlob(location, key, body.length, spec.compress(), spec.contentType(), response.eTag());
	}

	/**
	 * A value encoded as it is stored (compressed when its spec says so), checked against the limit, not yet sent.
	 *
	 * @param location where it goes
	 * @param spec how it is stored
	 * @param body the bytes as stored
	 */
	public record PreparedBlob(BlobLocation location, BlobSpec spec, byte[] body) {
	}

	/**
	 * Returns whether the object at a location holds exactly the bytes of a prepared value: its ETag (the MD5 of
	 * the bytes of an object written in one request) is compared with theirs, with one {@code HeadObject}.
	 * @param location the location of the stored object
	 * @param blob the prepared value
	 * @return {@literal true} when the object exists with the same bytes
	 * @throws BlobStorageException when S3 refuses the request
	 */
	public boolean holds(BlobLocation location, PreparedBlob blob) {
		String key = key(location);
		String etag;
		try {
			etag = this.requests
				.run(location, key, "read", () -> this.client.headObject((request) -> request.bucket(this.bucket).key(key)))
				.eTag();
		}
		catch (BlobNotFoundException ex) {
			return false;
		}
		return etag != null && BlobObjectFormat.matches(etag, blob.body());
	}

	/**
	 * Reads a value as the given type: the raw bytes for {@code byte[]}, else the JSON of the object (uncompressed
	 * when its metadata says {@code compressed} is true, whatever the case). The object comes from the cache when
	 * it holds it.
	 * @param location the location
	 * @param spec the limit (compression is read from the object's metadata)
	 * @param type the type to read
	 * @param <T> the type
	 * @return the value
	 * @throws BlobNotFoundException when there is no object
	 * @throws BlobTooLargeException when the object exceeds the limit; it is not read
	 * @throws BlobStorageException when the object is not JSON of that type, or S3 refuses the read
	 */
	public <T> T read(BlobLocation location, BlobSpec spec, Class<T> type) {
		return read(location, spec, this.jsonMapper.constructType(type));
	}

	/**
	 * Reads a value as the given (possibly generic) type; see {@link #read(BlobLocation, BlobSpec, Class)}.
	 * @param location the location
	 * @param spec the limit
	 * @param type the type to read
	 * @param <T> the type
	 * @return the value
	 */
	@SuppressWarnings("unchecked")
	public <T> T read(BlobLocation location, BlobSpec spec, JavaType type) {
		String key = key(location);
		byte[] bytes = this.reader.bytes(location, key, spec);
		if (type.getRawClass() == byte[].class) {
			// the cache keeps its own copy: the caller may change the array it gets
			return (T) (this.cache.isEnabled() ? bytes.clone() : bytes);
		}
		try {
			return this.jsonMapper.readValue(bytes, type);
		}
		catch (JacksonException ex) {
			throw new BlobStorageException("The object of " + location + " (" + key + ") is not JSON of "
					+ type.toCanonical() + ": " + ex.getOriginalMessage() + "; read it as byte[] to get its bytes",
					location, key, ex);
		}
	}

	/**
	 * Copies an object, with its metadata, to another location of the bucket.
	 * @param from the location of the object
	 * @param to where the copy goes
	 * @return {@literal false} when there is no object at {@code from}
	 * @throws BlobStorageException when S3 refuses the copy
	 */
	public boolean copy(BlobLocation from, BlobLocation to) {
		String source = key(from);
		String target = key(to);
		try {
			this.requests.changing(target,
					() -> this.requests.run(from, source, "read", () -> this.client.copyObject((request) -> request
						.sourceBucket(this.bucket)
						.sourceKey(source)
						.destinationBucket(this.bucket)
						.destinationKey(target))));
			return true;
		}
		catch (BlobNotFoundException ex) {
			return false;
		}
	}

	/**
	 * Deletes one object; deleting one that does not exist succeeds.
	 * @param location the location
	 * @throws BlobStorageException when S3 refuses the delete
	 */
	public void delete(BlobLocation location) {
		String key = key(location);
		this.requests.changing(key, () -> this.requests.run(location, key, "delete",
				() -> this.client.deleteObject((request) -> request.bucket(this.bucket).key(key))));
	}

	/**
	 * Deletes the given objects, in requests of at most {@value #DELETE_BATCH} keys.
	 * @param locations the locations
	 * @return how many objects were deleted (or did not exist)
	 * @throws BlobStorageException naming the keys S3 did not delete
	 */
	public int deleteAll(Iterable<BlobLocation> locations) {
		List<String> keys = new ArrayList<>();
		locations.forEach((location) -> keys.add(key(location)));
		return this.keys.delete(keys, null);
	}

	/**
	 * Deletes every object of a resource: lists its key prefix (every page) and deletes what it finds in requests
	 * of at most {@value #DELETE_BATCH} keys.
	 * @param type the resource type name
	 * @param id the resource id
	 * @return how many objects were deleted
	 * @throws BlobStorageException naming the keys S3 did not delete
	 */
	public int deleteResource(String type, String id) {
		String prefix = BlobLocation.resourcePrefix(this.keyPrefix, type, id);
		try {
			return this.keys.delete(this.keys.list(prefix), prefix);
		}
		finally {
			this.cache.invalidatePrefix(prefix);
		}
	}

	/**
	 * Lists the locations of every object of a versioned resource ({@code v{n}/{field}} keys); other keys under
	 * its prefix are left out.
	 * @param type the resource type name
	 * @param id the resource id
	 * @return the locations, in key order
	 */
	public List<BlobLocation> listVersioned(String type, String id) {
		String prefix = BlobLocation.resourcePrefix(this.keyPrefix, type, id);
		return BlobKeys.versioned(prefix, type, id, this.keys.list(prefix));
	}

}
