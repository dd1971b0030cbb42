package dev.singletable.core.mapping;

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

}
