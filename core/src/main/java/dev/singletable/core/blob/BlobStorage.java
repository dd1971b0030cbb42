package dev.singletable.core.blob;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.util.Assert;

import dev.singletable.internal.direct.ObjectDriver;
import dev.singletable.internal.plan.Step;
import software.amazon.awssdk.services.s3.S3Client;
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

	private final BlobCodec codec;

	private final BlobObjects objects;

	private final ObjectDriver driver;

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
		this.driver = new ObjectDriver(client);
		this.codec = new BlobCodec(keyPrefix, jsonMapper);
		this.objects = new BlobObjects(bucket, this.codec, deleteBatch, listPageSize, cache, clock);
	}

	/**
	 * Returns what this storage computes without S3 (keys, bodies, metadata): the templates' writes encode values
	 * with it while they plan.
	 * @return the codec of this storage's key prefix and mapper
	 */
	public BlobCodec codec() {
		return this.codec;
	}

	/**
	 * Returns the counters of the cache.
	 * @return a snapshot of hits, misses, evictions and what the cache holds; all zero when it is disabled
	 */
	public BlobCacheStats getCacheStats() {
		return this.objects.cacheStats();
	}

	/**
	 * Empties the cache, so that the next read of every object goes to S3 (for example after another process
	 * rewrote objects this one may have cached). Hits, misses and evictions keep counting.
	 */
	public void clearCache() {
		this.objects.clearCache();
	}

	/**
	 * Returns the bucket.
	 * @return the bucket name
	 */
	public String getBucket() {
		return this.objects.bucket();
	}

	/**
	 * Returns the object key of a location.
	 * @param location the location
	 * @return the key
	 */
	public String key(BlobLocation location) {
		return this.objects.key(location);
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
		return this.codec.prepare(location, value, spec);
	}

	/**
	 * Writes a prepared object.
	 * @param blob the object
	 * @return what was stored
	 * @throws BlobStorageException when S3 refuses the write
	 */
	public StoredBlob write(PreparedBlob blob) {
		return run(this.objects.write(blob));
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
		return run(this.objects.writeIfAbsent(blob));
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
	 * Returns when the object at a location was last written (one {@code HeadObject}): a write of a version's object
	 * that finds one already stored tells a leftover of a write that never finished from a concurrent write of the
	 * same version by its age.
	 * @param location the location of the object
	 * @return its last modification time, empty when there is no object
	 * @throws BlobStorageException when S3 refuses the request
	 */
	public Optional<Instant> lastModified(BlobLocation location) {
		return run(this.objects.lastModified(location));
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
		return run(this.objects.holds(location, blob));
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
		return read(location, spec, this.codec.type(type));
	}

	/**
	 * Reads a value as the given (possibly generic) type; see {@link #read(BlobLocation, BlobSpec, Class)}.
	 * @param location the location
	 * @param spec the limit
	 * @param type the type to read
	 * @param <T> the type
	 * @return the value
	 */
	public <T> T read(BlobLocation location, BlobSpec spec, JavaType type) {
		return this.driver.run(this.objects.read(location, spec, type));
	}

	/**
	 * Copies an object, with its metadata, to another location of the bucket.
	 * @param from the location of the object
	 * @param to where the copy goes
	 * @return {@literal false} when there is no object at {@code from}
	 * @throws BlobStorageException when S3 refuses the copy
	 */
	public boolean copy(BlobLocation from, BlobLocation to) {
		return run(this.objects.copy(from, to));
	}

	/**
	 * Deletes one object; deleting one that does not exist succeeds.
	 * @param location the location
	 * @throws BlobStorageException when S3 refuses the delete
	 */
	public void delete(BlobLocation location) {
		this.driver.run(this.objects.delete(location));
	}

	/**
	 * Deletes the given objects, in requests of at most {@value #DELETE_BATCH} keys.
	 * @param locations the locations
	 * @return how many objects were deleted (or did not exist)
	 * @throws BlobStorageException naming the keys S3 did not delete
	 */
	public int deleteAll(Iterable<BlobLocation> locations) {
		return run(this.objects.deleteAll(locations));
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
		return run(this.objects.deleteResource(type, id));
	}

	/**
	 * Lists the locations of every object of a versioned resource ({@code v{n}/{field}} keys); other keys under
	 * its prefix are left out.
	 * @param type the resource type name
	 * @param id the resource id
	 * @return the locations, in key order
	 */
	public List<BlobLocation> listVersioned(String type, String id) {
		return run(this.objects.listVersioned(type, id));
	}

	private <R> R run(Step<R> plan) {
		R result = this.driver.run(plan);
		Assert.state(result != null, "A blob storage's plan ended without a result");
		return result;
	}

}
