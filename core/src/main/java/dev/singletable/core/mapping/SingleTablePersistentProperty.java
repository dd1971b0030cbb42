package dev.singletable.core.mapping;

import org.jspecify.annotations.Nullable;
import org.springframework.data.mapping.PersistentProperty;

/**
 * A property of a {@link SingleTablePersistentEntity}.
 */
public interface SingleTablePersistentProperty extends PersistentProperty<SingleTablePersistentProperty> {

	/**
	 * Whether this property receives the creation timestamp.
	 * @return {@literal true} when annotated with {@code @CreatedDate}
	 */
	boolean isCreatedDateProperty();

	/**
	 * Whether this property receives the last modification timestamp.
	 * @return {@literal true} when annotated with {@code @LastModifiedDate}
	 */
	boolean isLastModifiedDateProperty();

	/**
	 * Whether this property keeps what the type does not map.
	 * @return {@literal true} when annotated with {@link UnmappedAttributes @UnmappedAttributes}
	 */
	boolean isUnmappedAttributesProperty();

	/**
	 * Returns how the property is stored in S3 when it is a blob property.
	 * @return the {@link BlobField @BlobField} annotation, or {@literal null} for a property stored in the item
	 */
	default @Nullable BlobField getBlobField() {
		return findAnnotation(BlobField.class);
	}

	/**
	 * Whether the property is stored as an S3 object.
	 * @return {@literal true} when annotated with {@link BlobField @BlobField}
	 */
	default boolean isBlobProperty() {
		return getBlobField() != null;
	}

	/**
	 * Whether the property is copied into the {@code metadata} map of the latest item.
	 * @return {@literal true} when annotated with {@link FilterMetadata @FilterMetadata}
	 */
	default boolean isFilterMetadataProperty() {
		return isAnnotationPresent(FilterMetadata.class);
	}

}
