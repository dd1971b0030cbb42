package dev.singletable.core.blob;

/**
 * The object of a blob property does not exist: it was deleted, or the item refers to an object that was never
 * written.
 */
public class BlobNotFoundException extends BlobStorageException {

	/**
	 * Creates the exception.
	 * @param location the blob's location
	 * @param key the object key
	 * @param bucket the bucket
	 * @param cause the S3 error
	 */
	public BlobNotFoundException(BlobLocation location, String key, String bucket, Throwable cause) {
		super("No S3 object for " + location + " at s3://" + bucket + "/" + key
				+ ": it was deleted, or the item refers to an object that was never written", location, key, cause);
	}

}
