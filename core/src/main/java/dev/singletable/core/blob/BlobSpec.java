package dev.singletable.core.blob;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

import dev.singletable.core.mapping.BlobField;

/**
 * How a blob property's object is written and read: compressed or not, its content type, its largest accepted
 * size in bytes (after compression).
 *
 * @param compress whether the object is gzip-compressed
 * @param contentType the content type, or {@literal null} for S3's default
 * @param maxSizeBytes the largest accepted object, or {@code -1} for no limit
 */
public record BlobSpec(boolean compress, @Nullable String contentType, long maxSizeBytes) {

	/** Uncompressed, no content type, no limit. */
	public static final BlobSpec DEFAULT = new BlobSpec(false, null, -1);

	/**
	 * Checks the limit.
	 */
	public BlobSpec {
		Assert.isTrue(maxSizeBytes >= -1, "maxSizeBytes must be -1 (no limit) or a number of bytes");
		contentType = StringUtils.hasText(contentType) ? contentType : null;
	}

	/**
	 * Returns the settings a {@link BlobField @BlobField} declares.
	 * @param annotation the annotation
	 * @return the settings
	 */
	public static BlobSpec of(BlobField annotation) {
		return new BlobSpec(annotation.compress(), annotation.contentType(), annotation.maxSizeBytes());
	}

	/**
	 * Whether a size exceeds the limit.
	 * @param sizeBytes the size in bytes
	 * @return {@literal true} when there is a limit and the size is above it
	 */
	boolean exceeds(long sizeBytes) {
		return this.maxSizeBytes >= 0 && sizeBytes > this.maxSizeBytes;
	}

}
