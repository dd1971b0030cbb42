package dev.singletable.core.blob;

/**
 * A blob is larger than its property's {@code maxSizeBytes} (after compression): nothing was written, or nothing
 * was read.
 */
public class BlobTooLargeException extends BlobStorageException {

	private final long sizeBytes;

	private final long maxSizeBytes;

	/**
	 * Creates the exception.
	 * @param location the blob's location
	 * @param key the object key
	 * @param sizeBytes the size of the object (after compression)
	 * @param maxSizeBytes the limit
	 * @param reading whether the limit stopped a read rather than a write
	 */
	public BlobTooLargeException(BlobLocation location, String key, long sizeBytes, long maxSizeBytes,
			boolean reading) {
		super("The blob of " + location + " is " + sizeBytes + " bytes" + (reading ? " in S3 (" + key + ")" : "")
				+ ", more than its maxSizeBytes of " + maxSizeBytes + (reading ? "; it was not read"
						: "; nothing was written: store less, compress it (@BlobField(compress = true)) or raise the limit"),
				location, key, null);
		this.sizeBytes = sizeBytes;
		this.maxSizeBytes = maxSizeBytes;
	}

	/**
	 * Returns the size of the object, in bytes after compression.
	 * @return the size
	 */
	public long getSizeBytes() {
		return this.sizeBytes;
	}

	/**
	 * Returns the limit.
	 * @return the maximum size in bytes
	 */
	public long getMaxSizeBytes() {
		return this.maxSizeBytes;
	}

}
