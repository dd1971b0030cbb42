package dev.singletable.core.blob;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.singletable.internal.direct.ReactiveObjectDriver;
import dev.singletable.internal.plan.Step;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reactive counterpart of {@link BlobStorage} on the SDK's {@link S3AsyncClient}: the same objects — keys,
 * bodies, compression, user metadata, content type, size limit, all from the same code — so either storage (and the
 * Python library) reads what the other wrote, and the same typed failures ({@link BlobTooLargeException},
 * {@link BlobNotFoundException}, {@link BlobStorageException}) as error signals. Nothing is sent before a returned
 * {@link Mono} is subscribed, and no thread waits for S3.
 * <p>
 * Reads go through an in-process cache of its own with the rules of {@link BlobStorage}'s ({@link BlobCacheSettings}:
 * keyed by object key, forgotten whenever this storage writes, copies over or deletes the key, and a read that raced
 * such a change is not cached). Thread-safe.
 */
public final class ReactiveBlobStorage {

	private final BlobCodec codec;

	private final BlobObjects objects;

	private final ReactiveObjectDriver driver;

	/**
	 * Creates the storage with the default cache ({@link BlobCacheSettings#DEFAULT}).
	 * @param client the async S3 client
	 * @param bucket the bucket that holds the objects
	 * @param keyPrefix the key prefix, may be empty (the Python library's {@code s3_key_prefix})
	 * @param jsonMapper the mapper that writes and reads values, normally the storage mapper of the converter
	 */
	public ReactiveBlobStorage(S3AsyncClient client, String bucket, String keyPrefix, JsonMapper jsonMapper) {
		this(client, bucket, keyPrefix, jsonMapper, BlobCacheSettings.DEFAULT);
	}

	/**
	 * Creates the storage with the given cache limits.
	 * @param client the async S3 client
	 * @param bucket the bucket that holds the objects
	 * @param keyPrefix the key prefix, may be empty
	 * @param jsonMapper the mapper that writes and reads values
	 * @param cache the cache limits, {@link BlobCacheSettings#DISABLED} for none
	 */
	public ReactiveBlobStorage(S3AsyncClient client, String bucket, String keyPrefix, JsonMapper jsonMapper,
			BlobCacheSettings cache) {
		this(client, bucket, keyPrefix, jsonMapper, BlobStorage.DELETE_BATCH, BlobStorage.DELETE_BATCH, cache,
				Clock.systemUTC());
	}

	/**
	 * Creates the storage with smaller delete batches and list pages, for tests.
	 */
	ReactiveBlobStorage(S3AsyncClient client, String bucket, String keyPrefix, JsonMapper jsonMapper, int deleteBatch,
			int listPageSize, BlobCacheSettings cache, Clock clock) {
		this.driver = new ReactiveObjectDriver(client);
		this.codec = new BlobCodec(keyPrefix, jsonMapper);
		this.objects = new BlobObjects(bucket, this.codec, deleteBatch, listPageSize, cache, clock);
	}

	/**
	 * Returns what this storage computes without S3 (keys, bodies, metadata), as {@link BlobStorage#codec()}.
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
	 * Empties the cache, so that the next read of every object goes to S3.
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
	 * Computes the bytes a value is stored as and checks them against the limit, sending nothing (as
	 * {@link BlobStorage#prepare}).
	 * @param location where the value goes
	 * @param value the value: a {@code byte[]} is stored as is, anything else as JSON
	 * @param spec compression, content type and limit
	 * @return the object, ready to {@link #write(BlobStorage.PreparedBlob) write}
	 * @throws BlobTooLargeException when the stored bytes would exceed the limit
	 * @throws BlobStorageException when the value cannot be written as JSON
	 */
	public BlobStorage.PreparedBlob prepare(BlobLocation location, Object value, BlobSpec spec) {
		return this.codec.prepare(location, value, spec);
	}

	/**
	 * Writes a value when subscribed; its bytes are computed (and checked against the limit) first.
	 * @param location where the value goes
	 * @param value the value
	 * @param spec compression, content type and limit
	 * @return what was stored; a {@link BlobTooLargeException} (nothing written) or {@link BlobStorageException}
	 */
	public Mono<StoredBlob> write(BlobLocation location, Object value, BlobSpec spec) {
		return Mono.defer(() -> write(prepare(location, value, spec)));
	}

	/**
	 * Writes a prepared object when subscribed.
	 * @param blob the object
	 * @return what was stored, or a {@link BlobStorageException} when S3 refuses the write
	 */
	public Mono<StoredBlob> write(BlobStorage.PreparedBlob blob) {
		return changing(this.objects.write(blob), List.of(key(blob.location())));
	}

	/**
	 * Writes a prepared object unless S3 already holds one at its key ({@code If-None-Match: *}), as
	 * {@link BlobStorage#writeIfAbsent}.
	 * @param blob the object
	 * @return what was stored; empty when nothing was written (an object exists at the key, or the store does not
	 * implement conditional writes)
	 */
	public Mono<StoredBlob> writeIfAbsent(BlobStorage.PreparedBlob blob) {
		return changing(this.objects.writeIfAbsent(blob), List.of(key(blob.location()))).flatMap(Mono::justOrEmpty);
	}

	/**
	 * Returns when the object at a location was last written, as {@link BlobStorage#lastModified}.
	 * @param location the location of the object
	 * @return its last modification time; empty when there is no object
	 */
	public Mono<Instant> lastModified(BlobLocation location) {
		return this.driver.run(this.objects.lastModified(location)).flatMap(Mono::justOrEmpty);
	}

	/**
	 * Returns whether the object at a location holds exactly the bytes of a prepared value (its ETag compared with
	 * theirs, one {@code HeadObject}), as {@link BlobStorage#holds}.
	 * @param location the location of the stored object
	 * @param blob the prepared value
	 * @return {@literal true} when the object exists with the same bytes
	 */
	public Mono<Boolean> holds(BlobLocation location, BlobStorage.PreparedBlob blob) {
		return this.driver.run(this.objects.holds(location, blob));
	}

	/**
	 * Reads a value as the given type when subscribed, as {@link BlobStorage#read(BlobLocation, BlobSpec, Class)}.
	 * @param location the location
	 * @param spec the limit (compression is read from the object's metadata)
	 * @param type the type to read
	 * @param <T> the type
	 * @return the value; a {@link BlobNotFoundException}, {@link BlobTooLargeException} (the body is not read) or
	 * {@link BlobStorageException}
	 */
	public <T> Mono<T> read(BlobLocation location, BlobSpec spec, Class<T> type) {
		return read(location, spec, this.codec.type(type));
	}

	/**
	 * Reads a value as the given (possibly generic) type when subscribed.
	 * @param location the location
	 * @param spec the limit
	 * @param type the type to read
	 * @param <T> the type
	 * @return the value
	 */
	public <T> Mono<T> read(BlobLocation location, BlobSpec spec, JavaType type) {
		return this.driver.run(this.objects.read(location, spec, type));
	}

	/**
	 * Copies an object, with its metadata, to another location of the bucket when subscribed.
	 * @param from the location of the object
	 * @param to where the copy goes
	 * @return {@literal false} when there is no object at {@code from}
	 */
	public Mono<Boolean> copy(BlobLocation from, BlobLocation to) {
		return changing(this.objects.copy(from, to), List.of(key(to)));
	}

	/**
	 * Deletes one object when subscribed; deleting one that does not exist succeeds.
	 * @param location the location
	 * @return completion, or a {@link BlobStorageException} when S3 refuses the delete
	 */
	public Mono<Void> delete(BlobLocation location) {
		return changing(this.objects.delete(location), List.of(key(location)));
	}

	/**
	 * Deletes the given objects when subscribed, in requests of at most 1000 keys, one after another.
	 * @param locations the locations
	 * @return how many objects were deleted (or did not exist); a {@link BlobStorageException} naming the keys S3
	 * did not delete
	 */
	public Mono<Integer> deleteAll(Iterable<BlobLocation> locations) {
		List<String> keys = this.objects.keys(locations);
		return changing(this.objects.deleteKeys(keys), keys);
	}

	/**
	 * Deletes every object of a resource when subscribed: lists its key prefix (every page) and deletes what it
	 * finds in requests of at most 1000 keys.
	 * @param type the resource type name
	 * @param id the resource id
	 * @return how many objects were deleted
	 */
	public Mono<Integer> deleteResource(String type, String id) {
		String prefix = this.objects.resourcePrefix(type, id);
		return this.driver.run(this.objects.deleteResource(type, id))
			.doOnCancel(() -> this.objects.forgetPrefix(prefix));
	}

	/**
	 * Lists the locations of every object of a versioned resource ({@code v{n}/{field}} keys) when subscribed;
	 * other keys under its prefix are left out.
	 * @param type the resource type name
	 * @param id the resource id
	 * @return the locations, in key order
	 */
	public Mono<List<BlobLocation>> listVersioned(String type, String id) {
		return this.driver.run(this.objects.listVersioned(type, id));
	}

	/**
	 * A plan that writes or deletes the objects of keys. Its plan forgets a key's cached object when the request
	 * is answered, before the outcome is signalled, so that a read the caller starts once the write is done never
	 * finds the object it replaced; a subscriber that cancels while it is sent forgets them too (the requests may
	 * still change the objects).
	 */
	private <R> Mono<R> changing(Step<R> plan, List<String> keys) {
		return this.driver.run(plan).doOnCancel(() -> keys.forEach(this.objects::forget));
	}

}
