package dev.singletable.core.internal.blob;

import org.springframework.util.Assert;
import dev.singletable.core.blob.BlobLocation;

/**
 * One object of a versioned resource, as the {@code _blob_versions} attribute of its items names it: a property
 * and the version that wrote its object ({@code v{version}/{field}}).
 *
 * @param field the stored property name
 * @param version the version whose object it is
 */
public record BlobReference(String field, long version) {

	/**
	 * Checks the parts.
	 */
	public BlobReference {
		Assert.hasText(field, "Field must not be empty");
		Assert.isTrue(version > 0, "Version must be positive");
	}

	/**
	 * Returns the location of the object.
	 * @param type the resource type name
	 * @param id the resource id
	 * @return the location
	 */
	public BlobLocation locate(String type, String id) {
		return BlobLocation.of(type, id, this.version, this.field);
	}

}
