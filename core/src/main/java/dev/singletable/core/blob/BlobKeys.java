package dev.singletable.core.blob;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The bulk key operations of a {@link BlobStorage}: lists the keys under a prefix (every page) and deletes keys in
 * {@code DeleteObjects} requests of a bounded size, forgetting each batch's cached objects.
 */
final class BlobKeys {

	private final S3Client client;

	private final String bucket;

	private final BlobCache cache;

	private final BlobRequests requests;

	private final int deleteBatch;

	private final int listPageSize;

	/**
	 * Creates the key operations of one bucket.
	 * @param client the S3 client
	 * @param bucket the bucket
	 * @param cache the cache to invalidate on deletes
	 * @param requests the runner of S3 requests
	 * @param deleteBatch the most keys per {@code DeleteObjects} request
	 * @param listPageSize the most keys per listed page
	 */
	BlobKeys(S3Client client, String bucket, BlobCache cache, BlobRequests requests, int deleteBatch,
			int listPageSize) {
		this.client = client;
		this.bucket = bucket;
		this.cache = cache;
		this.requests = requests;
		this.deleteBatch = deleteBatch;
		this.listPageSize = listPageSize;
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
	 * Lists every key under a prefix, in key order.
	 */
	List<String> list(String prefix) {
		return this.requests.run(null, prefix, "list", () -> this.client
			.listObjectsV2Paginator((request) -> request.bucket(this.bucket).prefix(prefix).maxKeys(this.listPageSize))
			.contents()
			.stream()
			.map(S3Object::key)
			.toList());
	}

	/**
	 * Deletes the given keys in batches.
	 * @param keys the keys
	 * @param prefix the prefix they were listed under, named in failures, or {@literal null}
	 * @return how many keys were deleted (or had no object)
	 * @throws BlobStorageException naming the keys S3 did not delete
	 */
	int delete(List<String> keys, @Nullable String prefix) {
		List<String> failed = new ArrayList<>();
		for (int start = 0; start < keys.size(); start += this.deleteBatch) {
			List<ObjectIdentifier> batch = keys.subList(start, Math.min(keys.size(), start + this.deleteBatch))
				.stream()
				.map((key) -> ObjectIdentifier.builder().key(key).build())
				.toList();
			DeleteObjectsResponse response;
			try {
				response = this.requests.run(null, prefix, "delete", () -> this.client.deleteObjects(
						(request) -> request.bucket(this.bucket).delete(Delete.builder().objects(batch).quiet(true).build())));
			}
			finally {
				batch.forEach((object) -> this.cache.invalidate(object.key()));
			}
			if (response.hasErrors()) {
				response.errors().forEach((error) -> failed.add(error.key() + " (" + error.code() + ")"));
			}
		}
		if (!failed.isEmpty()) {
			throw new BlobStorageException("S3 did not delete " + failed.size() + " of " + keys.size() + " objects in "
					+ this.bucket + ": " + failed, null, prefix, null);
		}
		return keys.size();
	}

}
