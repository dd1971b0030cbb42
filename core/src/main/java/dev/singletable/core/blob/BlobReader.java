package dev.singletable.core.blob;

import java.io.IOException;
import java.io.UncheckedIOException;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Reads the uncompressed bytes of objects for a {@link BlobStorage}, from its {@link BlobCache} when it holds them,
 * else from S3, refusing an object larger than the limit before its body is read.
 */
final class BlobReader {

	private final S3Client client;

	private final String bucket;

	private final BlobCache cache;

	private final BlobRequests requests;

	/**
	 * Creates the reader of one bucket.
	 * @param client the S3 client
	 * @param bucket the bucket
	 * @param cache the cache of objects read
	 * @param requests the runner of S3 requests
	 */
	BlobReader(S3Client client, String bucket, BlobCache cache, BlobRequests requests) {
		this.client = client;
		this.bucket = bucket;
		this.cache = cache;
		this.requests = requests;
	}

	/**
	 * Returns an object's uncompressed bytes from the cache, else reads them and caches them (see {@link BlobCache}
	 * for why the generation is taken first). The limit applies to the size in S3 in both cases.
	 */
	byte[] bytes(BlobLocation location, String key, BlobSpec spec) {
		long generation = this.cache.generation();
		BlobCache.Entry cached = this.cache.get(key);
		if (cached != null) {
			if (spec.exceeds(cached.storedSize())) {
				throw new BlobTooLargeException(location, key, cached.storedSize(), spec.maxSizeBytes(), true);
			}
			return cached.bytes();
		}
		Read read = readBytes(location, key, spec);
		this.cache.put(key, read.bytes(), read.storedSize(), generation);
		return read.bytes();
	}

	/**
	 * Reads an object's uncompressed bytes, refusing one larger than the limit before its body is read.
	 */
	private Read readBytes(BlobLocation location, String key, BlobSpec spec) {
		return this.requests.run(location, key, "read", () -> {
			try (ResponseInputStream<GetObjectResponse> in = this.client
				.getObject((request) -> request.bucket(this.bucket).key(key))) {
				GetObjectResponse response = in.response();
				Long length = response.contentLength();
				if (length != null && spec.exceeds(length)) {
					in.abort();
					throw new BlobTooLargeException(location, key, length, spec.maxSizeBytes(), true);
				}
				byte[] stored = BlobObjectFormat.readLimited(in, spec, location, key);
				return new Read(BlobObjectFormat.isCompressed(response.metadata())
						? BlobObjectFormat.gunzip(stored, location, key) : stored, stored.length);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	/**
	 * An object's uncompressed bytes and its size in S3.
	 */
	private record Read(byte[] bytes, long storedSize) {
	}

}
