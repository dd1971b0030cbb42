package dev.singletable.core.blob;

/**
 * A type with {@link dev.singletable.core.mapping.BlobField @BlobField} properties is registered with a template
 * that has no {@link BlobStorage} to put their objects in. It names the type and its first blob property; the
 * message says what to set.
 */
public class MissingBlobStorageException extends IllegalStateException {

	private final Class<?> entityType;

	private final String propertyName;

	/**
	 * Creates the exception.
	 * @param entityType the type with blob properties
	 * @param propertyName the name of its first blob property
	 */
	public MissingBlobStorageException(Class<?> entityType, String propertyName) {
		super(entityType.getName() + " stores its property '" + propertyName + "' in S3 (@BlobField), but no blob "
				+ "storage is configured: set singletable.blobs.bucket (Spring Boot) or call "
				+ "SingleTableTemplate.setBlobStorage(BlobStorage)");
		this.entityType = entityType;
		this.propertyName = propertyName;
	}

	/**
	 * Returns the type with blob properties.
	 * @return the entity type
	 */
	public Class<?> getEntityType() {
		return this.entityType;
	}

	/**
	 * Returns the name of the type's first blob property.
	 * @return the property name
	 */
	public String getPropertyName() {
		return this.propertyName;
	}

}
