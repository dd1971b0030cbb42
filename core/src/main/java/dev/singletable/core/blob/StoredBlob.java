package dev.singletable.core.blob;

import org.jspecify.annotations.Nullable;

/**
 * What a write stored: the object's location and key, its size in bytes as stored (after compression), whether it
 * is compressed, its content type and the ETag S3 gave it.
 *
 * @param location the location
 * @param key the object key
 * @param sizeBytes the stored size
 * @param compressed whether the object is gzip-compressed
 * @param contentType the content type, or {@literal null}
 * @param etag the ETag, or {@literal null} when the store gave none
 */
public record StoredBlob(BlobLocation location, String key, long sizeBytes, boolean compressed,
		@Nullable String contentType, @Nullable String etag) {

}
