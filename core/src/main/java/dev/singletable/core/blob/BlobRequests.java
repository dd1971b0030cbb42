package dev.singletable.core.blob;

import java.io.UncheckedIOException;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Runs the S3 requests of a {@link BlobStorage}: turns their failures into typed exceptions naming the resource,
 * the property and the key ({@link BlobNotFoundException}, else {@link BlobStorageException}), and makes the
 * {@link BlobCache} forget a key whenever a request writes, copies over or deletes its object.
 */
final class BlobRequests {

	private final String bucket;

	private final BlobCache cache;

	/**
	 * Creates the runner of one bucket's requests.
	 * @param bucket the bucket, named in failures
	 * @param cache the cache to invalidate on changes
	 */
	BlobRequests(String bucket, BlobCache cache) {
		this.bucket = bucket;
		this.cache = cache;
	}

	/**
	 * Runs a request that writes or deletes the object of a key, then forgets the key's cached object, whatever the
	 * outcome (a request that failed may still have changed it).
	 */
	<R> R changing(String key, S3Call<R> call) {
		try {
			return call.run();
		}
		finally {
			this.cache.invalidate(key);
		}
	}

	/**
	 * Runs an S3 request, turning its failures into typed exceptions naming what was concerned.
	 */
	<R> R run(@Nullable BlobLocation location, @Nullable String key, String action, S3Call<R> call) {
		try {
			return call.run();
		}
		catch (RuntimeException ex) {
			throw translate(location, key, action, ex);
		}
	}

	/**
	 * The typed exception of an S3 request's failure (the one rule for the blocking and the async storage): a missing
	 * object is a {@link BlobNotFoundException}, any other failure of S3 or the SDK a {@link BlobStorageException};
	 * anything else is returned as it is.
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

	/**
	 * One S3 request.
	 *
	 * @param <R> its result
	 */
	@FunctionalInterface
	interface S3Call<R> {

		R run();

	}

}
