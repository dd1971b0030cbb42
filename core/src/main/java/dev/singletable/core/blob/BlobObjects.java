package dev.singletable.core.blob;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import dev.singletable.internal.plan.Answer;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JavaType;

/**
 * The plans of the blob storages, one copy for {@link BlobStorage} and {@link ReactiveBlobStorage}: the S3 requests
 * of each operation (keys, metadata, the ETag comparison, deletes in batches, listings page by page), what their
 * answers mean (typed failures naming the resource, the property and the key: {@link BlobNotFoundException}, else
 * {@link BlobStorageException}), and the {@link BlobCache}: reads go through it, and a key's object is forgotten when
 * a request that writes, copies over or deletes it is answered, however it ends, before the plan goes on. What is
 * computed without S3 (keys, bodies, metadata, decoding) is the storage's {@link BlobCodec}. No I/O: a storage's
 * driver sends the requests.
 */
final class BlobObjects {

	private final String bucket;

	private final BlobCodec codec;

	private final BlobCache cache;

	private final int deleteBatch;

	private final int listPageSize;

	BlobObjects(String bucket, BlobCodec codec, int deleteBatch, int listPageSize, BlobCacheSettings cache,
			Clock clock) {
		Assert.hasText(bucket, "Bucket must not be empty");
		Assert.notNull(codec, "BlobCodec must not be null");
		Assert.notNull(cache, "BlobCacheSettings must not be null (use BlobCacheSettings.DISABLED)");
		this.bucket = bucket;
		this.codec = codec;
		this.cache = new BlobCache(cache, clock);
		this.deleteBatch = deleteBatch;
		this.listPageSize = listPageSize;
	}

	BlobCacheStats cacheStats() {
		return this.cache.isEnabled() ? this.cache.stats() : BlobCacheStats.EMPTY;
	}

	void clearCache() {
		this.cache.clear();
	}

	void forget(String key) {
		this.cache.invalidate(key);
	}

	void forgetPrefix(String prefix) {
		this.cache.invalidatePrefix(prefix);
	}

	String bucket() {
		return this.bucket;
	}

	String key(BlobLocation location) {
		return this.codec.key(location);
	}

	/**
	 * Writes a prepared object.
	 */
	Step<StoredBlob> write(BlobStorage.PreparedBlob blob) {
		return put(blob, false).then((stored) -> Step.done(stored.orElseThrow()));
	}

	/**
	 * Writes a prepared object unless S3 holds one at its key ({@code If-None-Match: *}): empty when nothing was
	 * written, an object exists at the key or the store does not implement conditional writes (answers 501).
	 */
	Step<Optional<StoredBlob>> writeIfAbsent(BlobStorage.PreparedBlob blob) {
		return put(blob, true);
	}

	private Step<Optional<StoredBlob>> put(BlobStorage.PreparedBlob blob, boolean ifAbsent) {
		BlobLocation location = blob.location();
		BlobSpec spec = blob.spec();
		byte[] body = blob.body();
		String key = key(location);
		PutObjectRequest.Builder request = PutObjectRequest.builder()
			.bucket(this.bucket)
			.key(key)
			.metadata(BlobCodec.metadata(location, spec))
			.contentLength((long) body.length);
		if (ifAbsent) {
			request.ifNoneMatch("*");
		}
		if (spec.contentType() != null) {
			request.contentType(spec.contentType());
		}
		return Step.send(new Request.PutObject(request.build(), body), (answer) -> {
			this.cache.invalidate(key);
			RuntimeException failure = answer.failure();
			if (failure != null) {
				RuntimeException translated = translate(location, key, "write", failure);
				if (ifAbsent && translated.getCause() instanceof S3Exception s3
						&& (s3.statusCode() == 412 || s3.statusCode() == 501)) {
					return Step.done(Optional.empty());
				}
				throw translated;
			}
			return Step.done(Optional.of(new StoredBlob(location, key, body.length, spec.compress(),
					spec.contentType(), answer.get(PutObjectResponse.class).eTag())));
		});
	}

	/**
	 * Whether the object at a location holds exactly the bytes of a prepared value: its ETag (the MD5 of the bytes of
	 * an object written in one request) compared with theirs, with one {@code HeadObject}.
	 */
	Step<Boolean> holds(BlobLocation location, BlobStorage.PreparedBlob blob) {
		String key = key(location);
		return Step.send(new Request.S3(HeadObjectRequest.builder().bucket(this.bucket).key(key).build()),
				(answer) -> {
					if (answer.isFailure()) {
						return notFoundAs(false, translate(location, key, "read", failure(answer)));
					}
					String etag = answer.get(HeadObjectResponse.class).eTag();
					return Step.done(etag != null && BlobCodec.matches(etag, blob.body()));
				});
	}

	/**
	 * When the object at a location was last written, with one {@code HeadObject}: empty when there is none.
	 */
	Step<Optional<Instant>> lastModified(BlobLocation location) {
		String key = key(location);
		return Step.send(new Request.S3(HeadObjectRequest.builder().bucket(this.bucket).key(key).build()),
				(answer) -> {
					if (answer.isFailure()) {
						return notFoundAs(Optional.empty(), translate(location, key, "read", failure(answer)));
					}
					return Step.done(Optional.ofNullable(answer.get(HeadObjectResponse.class).lastModified()));
				});
	}

	/**
	 * Reads a value as the given type: the bytes (a copy, when the cache keeps them) for {@code byte[]}, else the
	 * JSON of the object.
	 */
	<T> Step<T> read(BlobLocation location, BlobSpec spec, JavaType type) {
		String key = key(location);
		return bytes(location, key, spec).then((bytes) -> Step.done(decode(location, key, type, bytes)));
	}

	private <T> T decode(BlobLocation location, String key, JavaType type, byte[] bytes) {
		// the cache keeps its own copy: the caller may change the array it gets
		boolean copy = type.getRawClass() == byte[].class && this.cache.isEnabled();
		return this.codec.decode(location, key, type, copy ? bytes.clone() : bytes);
	}

	/**
	 * An object's uncompressed bytes from the cache, else read and cached. The generation is taken before the read
	 * begins, so that a read that raced a change is not cached (see {@link BlobCache}); the limit applies to the size
	 * in S3 in both cases, and an object larger than it is not read.
	 */
	private Step<byte[]> bytes(BlobLocation location, String key, BlobSpec spec) {
		return Step.defer(() -> {
			long generation = this.cache.generation();
			BlobCache.Entry cached = this.cache.get(key);
			if (cached != null) {
				if (spec.exceeds(cached.storedSize())) {
					throw new BlobTooLargeException(location, key, cached.storedSize(), spec.maxSizeBytes(), true);
				}
				return Step.done(cached.bytes());
			}
			GetObjectRequest request = GetObjectRequest.builder().bucket(this.bucket).key(key).build();
			return Step.send(new Request.GetObject(request, spec.maxSizeBytes()), (answer) -> {
				if (answer.isFailure()) {
					throw translate(location, key, "read", failure(answer));
				}
				Request.GetObject.Content content = answer.get(Request.GetObject.Content.class);
				byte[] stored = content.body();
				if (stored == null) {
					throw new BlobTooLargeException(location, key, content.size(), spec.maxSizeBytes(), true);
				}
				byte[] bytes = BlobCodec.isCompressed(content.response().metadata())
						? BlobCodec.gunzip(stored, location, key) : stored;
				this.cache.put(key, bytes, stored.length, generation);
				return Step.done(bytes);
			});
		});
	}

	/**
	 * Copies an object, with its metadata, to another location of the bucket: {@literal false} when there is no
	 * object at {@code from}.
	 */
	Step<Boolean> copy(BlobLocation from, BlobLocation to) {
		String source = key(from);
		String target = key(to);
		CopyObjectRequest request = CopyObjectRequest.builder()
			.sourceBucket(this.bucket)
			.sourceKey(source)
			.destinationBucket(this.bucket)
			.destinationKey(target)
			.build();
		return Step.send(new Request.S3(request), (answer) -> {
			this.cache.invalidate(target);
			return answer.isFailure() ? notFoundAs(false, translate(from, source, "read", failure(answer)))
					: Step.done(true);
		});
	}

	/**
	 * Deletes one object; deleting one that does not exist succeeds.
	 */
	Step<Void> delete(BlobLocation location) {
		String key = key(location);
		return Step.send(new Request.S3(DeleteObjectRequest.builder().bucket(this.bucket).key(key).build()),
				(answer) -> {
					this.cache.invalidate(key);
					if (answer.isFailure()) {
						throw translate(location, key, "delete", failure(answer));
					}
					return Step.done(null);
				});
	}

	/**
	 * Deletes the objects of the given locations, in batches.
	 */
	Step<Integer> deleteAll(Iterable<BlobLocation> locations) {
		return deleteKeys(keys(locations));
	}

	/**
	 * Deletes the objects of the given keys, in batches.
	 */
	Step<Integer> deleteKeys(List<String> keys) {
		return deleteKeys(keys, null);
	}

	/**
	 * The object keys of the given locations, in their order.
	 */
	List<String> keys(Iterable<BlobLocation> locations) {
		List<String> keys = new ArrayList<>();
		locations.forEach((location) -> keys.add(key(location)));
		return keys;
	}

	/**
	 * Deletes every object of a resource: lists its key prefix (every page) and deletes what it finds in batches;
	 * the cache forgets the prefix however it ends.
	 */
	Step<Integer> deleteResource(String type, String id) {
		String prefix = resourcePrefix(type, id);
		return list(prefix).then((keys) -> deleteKeys(keys, prefix)).andFinally(() -> {
			this.cache.invalidatePrefix(prefix);
			return Step.done(null);
		});
	}

	/**
	 * Lists the locations of every object of a versioned resource ({@code v{n}/{field}} keys); other keys under its
	 * prefix are left out.
	 */
	Step<List<BlobLocation>> listVersioned(String type, String id) {
		String prefix = resourcePrefix(type, id);
		return list(prefix).then((keys) -> Step.done(versioned(prefix, type, id, keys)));
	}

	/**
	 * The prefix of a resource's objects, which {@link #deleteResource} forgets in the cache.
	 */
	String resourcePrefix(String type, String id) {
		return this.codec.resourcePrefix(type, id);
	}

	/**
	 * Returns the locations of a versioned resource's objects ({@code v{n}/{field}} keys) among the keys listed
	 * under its prefix; other keys are left out.
	 */
	static List<BlobLocation> versioned(String prefix, String type, String id, List<String> keys) {
		List<BlobLocation> locations = new ArrayList<>();
		for (String key : keys) {
			String rest = key.substring(prefix.length());
			int slash = rest.indexOf('/');
			if (slash > 1 && rest.charAt(0) == 'v' && rest.indexOf('/', slash + 1) < 0 && slash < rest.length() - 1) {
				try {
					long version = Long.parseLong(rest.substring(1, slash));
					if (version > 0) {
						locations.add(BlobLocation.of(type, id, version, rest.substring(slash + 1)));
					}
				}
				catch (NumberFormatException ex) {
					// not a version segment: not an object of this layout
				}
			}
		}
		return locations;
	}

	/**
	 * Lists every key under a prefix, in key order: one {@code ListObjectsV2} per page, the next one asked for
	 * while the last answer carries a continuation token.
	 */
	private Step<List<String>> list(String prefix) {
		return listFrom(prefix, null, new ArrayList<>());
	}

	private Step<List<String>> listFrom(String prefix, @Nullable String token, List<String> keys) {
		ListObjectsV2Request request = ListObjectsV2Request.builder()
			.bucket(this.bucket)
			.prefix(prefix)
			.maxKeys(this.listPageSize)
			.continuationToken(token)
			.build();
		return Step.send(new Request.S3(request), (answer) -> {
			if (answer.isFailure()) {
				throw translate(null, prefix, "list", failure(answer));
			}
			ListObjectsV2Response page = answer.get(ListObjectsV2Response.class);
			page.contents().stream().map(S3Object::key).forEach(keys::add);
			String next = page.nextContinuationToken();
			return (next != null && !next.isEmpty()) ? listFrom(prefix, next, keys) : Step.done(List.copyOf(keys));
		});
	}

	/**
	 * Deletes keys in {@code DeleteObjects} requests of at most the batch size, one after another, forgetting each
	 * batch's cached objects; a refused request stops there, keys S3 did not delete fail the whole once every batch
	 * is sent.
	 * @param prefix the prefix the keys were listed under, named in failures, or {@literal null}
	 */
	private Step<Integer> deleteKeys(List<String> keys, @Nullable String prefix) {
		return deleteBatch(keys, 0, prefix, new ArrayList<>());
	}

	private Step<Integer> deleteBatch(List<String> keys, int start, @Nullable String prefix, List<String> failed) {
		if (start >= keys.size()) {
			if (!failed.isEmpty()) {
				throw new BlobStorageException("S3 did not delete " + failed.size() + " of " + keys.size()
						+ " objects in " + this.bucket + ": " + failed, null, prefix, null);
			}
			return Step.done(keys.size());
		}
		List<String> batch = keys.subList(start, Math.min(keys.size(), start + this.deleteBatch));
		DeleteObjectsRequest request = DeleteObjectsRequest.builder()
			.bucket(this.bucket)
			.delete(Delete.builder()
				.objects(batch.stream().map((key) -> ObjectIdentifier.builder().key(key).build()).toList())
				.quiet(true)
				.build())
			.build();
		return Step.send(new Request.S3(request), (answer) -> {
			batch.forEach(this.cache::invalidate);
			if (answer.isFailure()) {
				throw translate(null, prefix, "delete", failure(answer));
			}
			DeleteObjectsResponse response = answer.get(DeleteObjectsResponse.class);
			if (response.hasErrors()) {
				response.errors().forEach((error) -> failed.add(error.key() + " (" + error.code() + ")"));
			}
			return deleteBatch(keys, start + this.deleteBatch, prefix, failed);
		});
	}

	private static <R> Step<R> notFoundAs(R result, RuntimeException failure) {
		if (failure instanceof BlobNotFoundException) {
			return Step.done(result);
		}
		throw failure;
	}

	private static RuntimeException failure(Answer answer) {
		RuntimeException failure = answer.failure();
		Assert.state(failure != null, "The answer is no failure");
		return failure;
	}

	/**
	 * The typed exception of an S3 request's failure: a missing object is a {@link BlobNotFoundException}, any other
	 * failure of S3 or the SDK a {@link BlobStorageException}; anything else is returned as it is.
	 */
	RuntimeException translate(@Nullable BlobLocation location, @Nullable String key, String action,
			RuntimeException ex) {
		if (ex instanceof BlobStorageException) {
			return ex;
		}
		if (ex instanceof NoSuchKeyException missing) {
			return (location != null && key != null) ? new BlobNotFoundException(location, key, this.bucket, missing)
					: failure(location, key, action, ex);
		}
		if (ex instanceof S3Exception s3) {
			if (s3.statusCode() == 404 && location != null && key != null && "read".equals(action)) {
				return new BlobNotFoundException(location, key, this.bucket, s3);
			}
			return failure(location, key, action, ex);
		}
		if (ex instanceof SdkException || ex instanceof UncheckedIOException) {
			return failure(location, key, action, ex);
		}
		return ex;
	}

	private BlobStorageException failure(@Nullable BlobLocation location, @Nullable String key, String action,
			RuntimeException ex) {
		String what = (location != null) ? "the blob of " + location : "the blobs under " + key;
		return new BlobStorageException("Could not " + action + " " + what + " in S3 bucket '" + this.bucket
				+ "' (key " + key + "): " + ex.getMessage(), location, key, ex);
	}

}
