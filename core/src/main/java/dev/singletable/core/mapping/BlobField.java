package dev.singletable.core.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a property whose value is stored as an S3 object instead of inside the item, in the layout of
 * {@code simplesingletable}'s blob fields: {@code {prefix}/{Type}/{id}/v{n}/{property}} for versioned types,
 * {@code {prefix}/{Type}/{id}/{property}} for plain ones, listed on the item in {@code _blob_fields} (and, for
 * versioned types, {@code _blob_versions}: which version's object each property refers to). The value is JSON as
 * the storage mapper writes it, or the raw bytes of a {@code byte[]}.
 * <p>
 * The property must be nullable (not a primitive) and may not be the id, the version, a timestamp, the TTL or
 * part of an index key. Reading an entity leaves it {@literal null}; its value is loaded explicitly.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
public @interface BlobField {

	/**
	 * Whether the object is gzip-compressed (its S3 metadata then says {@code compressed=True}).
	 * @return {@literal true} to compress
	 */
	boolean compress() default false;

	/**
	 * The {@code Content-Type} of the object; empty for S3's default.
	 * @return the content type
	 */
	String contentType() default "";

	/**
	 * The largest object, in bytes after compression, accepted on write and on read; {@code -1} for no limit.
	 * @return the maximum size in bytes
	 */
	long maxSizeBytes() default -1;

}
