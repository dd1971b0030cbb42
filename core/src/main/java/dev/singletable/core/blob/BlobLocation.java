package dev.singletable.core.blob;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * Where one blob property's object lives: the resource type name (the type prefix, which for types shared with
 * {@code simplesingletable} is its class name), the resource id, the version whose object it is ({@literal null}
 * for plain types) and the property's stored name.
 *
 * @param type the resource type name
 * @param id the resource id
 * @param version the version the object was written with, or {@literal null} for a plain type
 * @param field the stored name of the property
 */
public record BlobLocation(String type, String id, @Nullable Long version, String field) {

	/**
	 * Checks the parts.
	 */
	public BlobLocation {
		Assert.hasText(type, "Type must not be empty");
		Assert.hasText(id, "Id must not be empty");
		Assert.hasText(field, "Field must not be empty");
		Assert.isTrue(!type.contains("/") && !field.contains("/"), "Type and field must not contain '/'");
		Assert.isTrue(version == null || version > 0, "Version must be positive");
	}

	/**
	 * The object of a plain (unversioned) type's property.
	 * @param type the resource type name
	 * @param id the resource id
	 * @param field the stored property name
	 * @return the location
	 */
	public static BlobLocation of(String type, String id, String field) {
		return new BlobLocation(type, id, null, field);
	}

	/**
	 * The object a versioned type's property got when version {@code version} was written.
	 * @param type the resource type name
	 * @param id the resource id
	 * @param version the version
	 * @param field the stored property name
	 * @return the location
	 */
	public static BlobLocation of(String type, String id, long version, String field) {
		return new BlobLocation(type, id, version, field);
	}

	/**
	 * The object key under a key prefix: {@code {prefix}/{type}/{id}/v{n}/{field}} or
	 * {@code {prefix}/{type}/{id}/{field}}, without the prefix part when it is empty (trailing slashes of the
	 * prefix are dropped, as {@code simplesingletable} does).
	 * @param keyPrefix the key prefix, may be empty
	 * @return the key
	 */
	public String key(String keyPrefix) {
		return resourcePrefix(keyPrefix, this.type, this.id) + ((this.version != null) ? "v" + this.version + "/" : "")
				+ this.field;
	}

	/**
	 * The key prefix of every object of a resource, ending with {@code /} so that it never matches another id that
	 * merely starts with this one (the Python library lists without that slash).
	 * @param keyPrefix the key prefix, may be empty
	 * @param type the resource type name
	 * @param id the resource id
	 * @return the prefix
	 */
	public static String resourcePrefix(String keyPrefix, String type, String id) {
		String base = stripTrailingSlashes(keyPrefix);
		return (base.isEmpty() ? "" : base + "/") + type + "/" + id + "/";
	}

	private static String stripTrailingSlashes(String prefix) {
		int end = prefix.length();
		while (end > 0 && prefix.charAt(end - 1) == '/') {
			end--;
		}
		return prefix.substring(0, end);
	}

	@Override
	public String toString() {
		return this.type + " '" + this.id + "'" + ((this.version != null) ? " v" + this.version : "") + " field '"
				+ this.field + "'";
	}

}
