package dev.singletable.core.blob;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.async.ResponsePublisher;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.core.JacksonException;
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

	private final S3AsyncClient client;

	private final String bucket;

	private final String keyPrefix;

	private final JsonMapper jsonMapper;

	private final BlobCache cache;

	private final BlobRequests requests;

	private final int deleteBatch;

	private final int listPageSize;

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
		Assert.notNull(client, "S3AsyncClient must not be null");
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
		this.deleteBatch = deleteBatch;
		this.listPageSize = listPageSize;
	}

	/**
	 * Returns the counters of the cache.
	 * @return a snapshot of hits, misses, evictions and what the cache holds; all zero when it is disabled
	 */
	public BlobCacheStats getCacheStats() {
		return this.cache.isEnabled() ? this.cache.stats() : BlobCacheStats.EMPTY;
	}

	/**
	 * Empties the cache, so that the next read of every object goes to S3.
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
		Assert.notNull(value, "Value must not be null (a null blob property has no object)");
		return new BlobStorage.PreparedBlob(location, spec,
				BlobObjectFormat.encode(this.jsonMapper, location, key(location), value, spec));
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
		return put(blob, false);
	}

	/**
	 * Writes a prepared object unless S3 already holds one at its key ({@code If-None-Match: *}), as
	 * {@link BlobStorage#writeIfAbsent}.
	 * @param blob the object
	 * @return what was stored; empty when nothing was written (an object exists at the key, or the store does not
	 * implement conditional writes)
	 */
	public Mono<StoredBlob> writeIfAbsent(BlobStorage.PreparedBlob blob) {
		return put(blob, true).onErrorResume(BlobStorageException.class,
				(ex) -> (ex.getCause() instanceof S3Exception s3 && (s3.statusCode() == 412 || s3.statusCode() == 501))
						? Mono.empty() : Mono.error(ex));
	}

	private Mono<StoredBlob> put(BlobStorage.PreparedBlob blob, boolean ifAbsent) {
		BlobLocation location = blob.location();
		BlobSpec spec = blob.spec();
		byte[] body = blob.body();
		String key = key(location);
		Map<String, String> metadata = BlobObjectFormat.metadata(location, spec);
		return changing(key, run(location, key, "write", () -> this.client.putObject((request) -> {
			request.bucket(this.bucket).key(key).metadata(metadata).contentLength((long) body.length);
			if (ifAbsent) {
				request.ifNoneMatch("*");
			}
			if (spec.contentType() != null) {
				request.contentType(spec.contentType());
			}
		}, AsyncRequestBody.fromBytes(body))))
			.map((response) -> new StoredBlob(location, key, body.length, spec.compress(), spec.contentType(),
					response.eTag()));
	}

	/**
	 * Returns whether the object at a location holds exactly the bytes of a prepared value (its ETag compared with
	 * theirs, one {@code HeadObject}), as {@link BlobStorage#holds}.
	 * @param location the location of the stored object
	 * @param blob the prepared value
	 * @return {@literal true} when the object exists with the same bytes
	 */
	public Mono<Boolean> holds(BlobLocation location, BlobStorage.PreparedBlob blob) {
		String key = key(location);
		return run(location, key, "read",
				() -> this.client.headObject((request) -> request.bucket(this.bucket).key(key)))
			.map((response) -> response.eTag() != null && BlobObjectFormat.matches(response.eTag(), blob.body()))
			.onErrorResume(BlobNotFoundException.class, (ex) -> Mono.just(false));
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
		return read(location, spec, this.jsonMapper.constructType(type));
	}

	/**
	 * Reads a value as the given (possibly generic) type when subscribed.
	 * @param location the location
	 * @param spec the limit
	 * @param type the type to read
	 * @param <T> the type
	 * @return the value
	 */
	@SuppressWarnings("unchecked")
	public <T> Mono<T> read(BlobLocation location, BlobSpec spec, JavaType type) {
		String key = key(location);
		return bytes(location, key, spec).map((bytes) -> {
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
		});
	}

	/**
	 * An object's uncompressed bytes from the cache, else read and cached (the generation taken first, as
	 * {@code BlobReader} does, so a read that raced a change is not cached).
	 */
	private Mono<byte[]> bytes(BlobLocation location, String key, BlobSpec spec) {
		return Mono.defer(() -> {
			long generation = this.cache.generation();
			BlobCache.Entry cached = this.cache.get(key);
			if (cached != null) {
				if (spec.exceeds(cached.storedSize())) {
					return Mono.error(new BlobTooLargeException(location, key, cached.storedSize(), spec.maxSizeBytes(),
							true));
				}
				return Mono.just(cached.bytes());
			}
			return run(location, key, "read",
					() -> this.client.getObject((request) -> request.bucket(this.bucket).key(key),
							AsyncResponseTransformer.toPublisher()))
				.flatMap((publisher) -> body(location, key, spec, publisher))
				.doOnNext((read) -> this.cache.put(key, read.bytes(), read.storedSize(), generation))
				.map(Read::bytes);
		});
	}

	/**
	 * Reads a body, refusing an object larger than the limit before its body is read (by its length), else as soon
	 * as what arrived exceeds it.
	 */
	private Mono<Read> body(BlobLocation location, String key, BlobSpec spec,
			ResponsePublisher<GetObjectResponse> publisher) {
		GetObjectResponse response = publisher.response();
		Long length = response.contentLength();
		if (length != null && spec.exceeds(length)) {
			// the body is not read: subscribing and cancelling at once releases the connection
			Flux.from(publisher).take(0).subscribe();
			return Mono.error(new BlobTooLargeException(location, key, length, spec.maxSizeBytes(), true));
		}
		return Flux.from(publisher).reduce(new ByteArrayOutputStream(), (out, buffer) -> {
			append(out, buffer);
			if (spec.exceeds(out.size())) {
				throw new BlobTooLargeException(location, key, out.size(), spec.maxSizeBytes(), true);
			}
			return out;
		}).map((out) -> {
			byte[] stored = out.toByteArray();
			return new Read(BlobObjectFormat.isCompressed(response.metadata())
					? BlobObjectFormat.gunzip(stored, location, key) : stored, stored.length);
		}).onErrorMap((ex) -> !(ex instanceof RuntimeException) ? ex
				: this.requests.translate(location, key, "read", (RuntimeException) ex));
	}

	private static void append(ByteArrayOutputStream out, ByteBuffer buffer) {
		byte[] chunk = new byte[buffer.remaining()];
		buffer.get(chunk);
		out.write(chunk, 0, chunk.length);
	}

	/**
	 * Copies an object, with its metadata, to another location of the bucket when subscribed.
	 * @param from the location of the object
	 * @param to where the copy goes
	 * @return {@literal false} when there is no object at {@code from}
	 */
	public Mono<Boolean> copy(BlobLocation from, BlobLocation to) {
		String source = key(from);
		String target = key(to);
		return changing(target, run(from, source, "read", () -> this.client.copyObject((request) -> request
			.sourceBucket(this.bucket)
			.sourceKey(source)
			.destinationBucket(this.bucket)
			.destinationKey(target)))).thenReturn(true)
			.onErrorResume(BlobNotFoundException.class, (ex) -> Mono.just(false));
	}

	/**
	 * Deletes one object when subscribed; deleting one that does not exist succeeds.
	 * @param location the location
	 * @return completion, or a {@link BlobStorageException} when S3 refuses the delete
	 */
	public Mono<Void> delete(BlobLocation location) {
		String key = key(location);
		return changing(key, run(location, key, "delete",
				() -> this.client.deleteObject((request) -> request.bucket(this.bucket).key(key)))).then();
	}

	/**
	 * Deletes the given objects when subscribed, in requests of at most 1000 keys, one after another.
	 * @param locations the locations
	 * @return how many objects were deleted (or did not exist); a {@link BlobStorageException} naming the keys S3
	 * did not delete
	 */
	public Mono<Integer> deleteAll(Iterable<BlobLocation> locations) {
		List<String> keys = new ArrayList<>();
		locations.forEach((location) -> keys.add(key(location)));
		return deleteKeys(keys, null);
	}

	/**
	 * Deletes every object of a resource when subscribed: lists its key prefix (every page) and deletes what it
	 * finds in requests of at most 1000 keys.
	 * @param type the resource type name
	 * @param id the resource id
	 * @return how many objects were deleted
	 */
	public Mono<Integer> deleteResource(String type, String id) {
		String prefix = BlobLocation.resourcePrefix(this.keyPrefix, type, id);
		return invalidating(list(prefix).flatMap((keys) -> deleteKeys(keys, prefix)),
				() -> this.cache.invalidatePrefix(prefix));
	}

	/**
	 * Lists the locations of every object of a versioned resource ({@code v{n}/{field}} keys) when subscribed;
	 * other keys under its prefix are left out.
	 * @param type the resource type name
	 * @param id the resource id
	 * @return the locations, in key order
	 */
	public Mono<List<BlobLocation>> listVersioned(String type, String id) {
		String prefix = BlobLocation.resourcePrefix(this.keyPrefix, type, id);
		return list(prefix).map((keys) -> BlobKeys.versioned(prefix, type, id, keys));
	}

	private Mono<List<String>> list(String prefix) {
		return Flux.defer(() -> Flux.from(this.client
			.listObjectsV2Paginator((request) -> request.bucket(this.bucket).prefix(prefix).maxKeys(this.listPageSize))
			.contents()))
			.map(S3Object::key)
			.collectList()
			.onErrorMap(RuntimeException.class, (ex) -> this.requests.translate(null, prefix, "list", unwrap(ex)));
	}

	private Mono<Integer> deleteKeys(List<String> keys, @Nullable String prefix) {
		List<List<String>> batches = new ArrayList<>();
		for (int start = 0; start < keys.size(); start += this.deleteBatch) {
			batches.add(keys.subList(start, Math.min(keys.size(), start + this.deleteBatch)));
		}
		return Flux.fromIterable(batches).concatMap((batch) -> {
			List<ObjectIdentifier> objects = batch.stream()
				.map((key) -> ObjectIdentifier.builder().key(key).build())
				.toList();
			return invalidating(run(null, prefix, "delete", () -> this.client.deleteObjects(
					(request) -> request.bucket(this.bucket).delete(Delete.builder().objects(objects).quiet(true).build()))),
					() -> batch.forEach(this.cache::invalidate))
				.map(ReactiveBlobStorage::errors);
		}).collectList().flatMap((failures) -> {
			List<String> failed = failures.stream().flatMap(List::stream).toList();
			return failed.isEmpty() ? Mono.just(keys.size())
					: Mono.error(new BlobStorageException("S3 did not delete " + failed.size() + " of " + keys.size()
							+ " objects in " + this.bucket + ": " + failed, null, prefix, null));
		});
	}

	private static List<String> errors(DeleteObjectsResponse response) {
		return response.hasErrors()
				? response.errors().stream().map((error) -> error.key() + " (" + error.code() + ")").toList()
				: List.of();
	}

	/**
	 * Sends a request when subscribed, its failure typed as {@link BlobStorage}'s are.
	 */
	private <R> Mono<R> run(@Nullable BlobLocation location, @Nullable String key, String action,
			Supplier<CompletableFuture<R>> call) {
		return Mono.defer(() -> Mono.fromFuture(call.get()))
			.onErrorMap(RuntimeException.class, (ex) -> this.requests.translate(location, key, action, unwrap(ex)));
	}

	/**
	 * A request that writes or deletes the object of a key: the key's cached object is forgotten, whatever the
	 * outcome, before the outcome is signalled, so that a read the caller starts once the write is done never
	 * finds the object it replaced ({@code doFinally} would run only after the subscriber had its answer).
	 */
	private <R> Mono<R> changing(String key, Mono<R> request) {
		return invalidating(request, () -> this.cache.invalidate(key));
	}

	/**
	 * Runs an invalidation of the cache when a request that changes objects ends, however it ends, before its
	 * outcome reaches the subscriber.
	 */
	private static <R> Mono<R> invalidating(Mono<R> request, Runnable invalidation) {
		return request.doOnSuccess((result) -> invalidation.run())
			.doOnError((ex) -> invalidation.run())
			.doOnCancel(invalidation);
	}

	private static RuntimeException unwrap(RuntimeException ex) {
		return (ex instanceof CompletionException && ex.getCause() instanceof RuntimeException cause) ? cause : ex;
	}

	/**
	 * An object's uncompressed bytes and its size in S3.
	 */
	private record Read(byte[] bytes, long storedSize) {
	}

}
