package dev.singletable.core;

import org.springframework.dao.DataIntegrityViolationException;

import dev.singletable.internal.format.ItemAttributes;

/**
 * Thrown when an update would drop an attribute of the Python library's layout that the Java type does not map:
 * the blob bookkeeping {@code _blob_fields}/{@code _blob_versions} (a type without
 * {@link dev.singletable.core.mapping.BlobField @BlobField} properties) or the filter {@code metadata} map of a
 * versioned {@code v0} (a type without {@link dev.singletable.core.mapping.FilterMetadata @FilterMetadata}
 * properties), when the type has no {@link dev.singletable.core.mapping.UnmappedAttributes @UnmappedAttributes}
 * property either. The update's own condition refused it ({@code attribute_not_exists}), so nothing was written.
 * <p>
 * Declare the properties, keep what the type does not map with an {@code @UnmappedAttributes} property, or allow
 * the drop: {@code singletable.python-compatibility.allow-dropping-blobs-and-metadata=true}
 * ({@link SingleTableTemplate#setAllowDroppingBlobsAndMetadata}).
 */
public class AttributeDropRefusedException extends DataIntegrityViolationException {

	private final Class<?> entityType;

	private final String id;

	private final String attribute;

	/**
	 * Creates a new exception.
	 * @param entityType the entity type
	 * @param id the resource id
	 * @param attribute the stored attribute the update would have dropped
	 */
	public AttributeDropRefusedException(Class<?> entityType, String id, String attribute) {
		super(message(entityType, id, attribute));
		this.entityType = entityType;
		this.id = id;
		this.attribute = attribute;
	}

	private static String message(Class<?> entityType, String id, String attribute) {
		String type = entityType.getSimpleName();
		boolean metadata = ItemAttributes.METADATA.equals(attribute);
		String what = metadata ? "the filter metadata map the Python library writes on a versioned v0"
				: "the blob references the Python library writes for fields stored in S3";
		String declare = metadata ? "declare the filtered properties with @FilterMetadata"
				: "declare the blob properties with @BlobField";
		return type + " '" + id + "' is stored with '" + attribute + "' (" + what + "), which " + type
				+ " does not map: this update would drop it, so it was refused and nothing was written. To keep it, "
				+ declare + ", or add an @UnmappedAttributes Map<String, Object> property; to drop it on purpose, set "
				+ "singletable.python-compatibility.allow-dropping-blobs-and-metadata=true "
				+ "(SingleTableTemplate.setAllowDroppingBlobsAndMetadata(true)).";
	}

	/**
	 * Returns the entity type.
	 * @return the entity type
	 */
	public Class<?> getEntityType() {
		return this.entityType;
	}

	/**
	 * Returns the resource id.
	 * @return the id
	 */
	public String getId() {
		return this.id;
	}

	/**
	 * Returns the stored attribute the update would have dropped:
	 * {@value dev.singletable.core.internal.blob.BlobAttributes#FIELDS},
	 * {@value dev.singletable.core.internal.blob.BlobAttributes#VERSIONS} or {@value ItemAttributes#METADATA}.
	 * @return the attribute name
	 */
	public String getAttribute() {
		return this.attribute;
	}

}
