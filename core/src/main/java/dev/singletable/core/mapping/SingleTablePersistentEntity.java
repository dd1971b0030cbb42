package dev.singletable.core.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.CreatedBy;
import org.springframework.data.domain.Auditable;
import org.springframework.data.mapping.model.MutablePersistentEntity;
import dev.singletable.internal.format.ItemAttributes;

/**
 * Metadata of a type stored in the single table: its key prefix, whether it is versioned and compressed, how
 * many versions it keeps and where its system properties are.
 *
 * @param <T> the entity type
 */
public interface SingleTablePersistentEntity<T> extends MutablePersistentEntity<T, SingleTablePersistentProperty> {

	/**
	 * Returns the prefix of the partition key and the type index value.
	 * @return the prefix
	 */
	String getPrefix();

	/**
	 * Returns over how many keys of the type index the type's latest items are spread
	 * ({@link SingleTableEntity#typeIndexShards()}).
	 * @return the number of shards, {@code 1} when the type has its one key
	 */
	default int getTypeIndexShards() {
		return 1;
	}

	/**
	 * Whether each update keeps the previous state as a numbered version.
	 * @return {@literal true} for a versioned resource
	 */
	boolean isVersioned();

	/**
	 * Whether the entity is stored as gzip-compressed JSON in the {@code data} attribute.
	 * @return {@literal true} when compressed
	 */
	boolean isCompressed();

	/**
	 * Returns the gzip level of a compressed type: its own, else the global default.
	 * @return the level, from {@code 1} (fastest) to {@code 9} (smallest)
	 */
	int getCompressionLevel();

	/**
	 * Returns how many versions a versioned resource keeps.
	 * @return the number of versions kept, {@code 0} for all
	 */
	int getMaxVersions();

	/**
	 * Whether {@literal null} values are left out of uncompressed items.
	 * @return {@literal true} to omit nulls
	 */
	boolean isOmitNulls();

	/**
	 * Returns the property holding the expiry, if the type has a TTL.
	 * @return the TTL property or {@literal null}
	 */
	@Nullable SingleTablePersistentProperty getTtlProperty();

	/**
	 * Whether reads hide items whose TTL has passed.
	 * @return {@literal true} to hide expired items
	 */
	boolean isHideExpired();

	/**
	 * Returns the attribute receiving the expiry in epoch seconds.
	 * @return the TTL attribute name
	 */
	String getTtlAttribute();

	/**
	 * Returns the property receiving the creation timestamp.
	 * @return the property or {@literal null} when the type has none
	 */
	@Nullable SingleTablePersistentProperty getCreatedDateProperty();

	/**
	 * Returns the properties besides {@code @CreatedDate} that an update never changes: those annotated
	 * {@link CreatedBy @CreatedBy} and, for {@link Auditable} types, {@code createdBy} and {@code createdDate}. An
	 * update keeps their stored values (see {@code SingleTableOperations#update}).
	 * @return the creation properties, empty when the type has none
	 */
	default List<SingleTablePersistentProperty> getCreationProperties() {
		boolean auditable = Auditable.class.isAssignableFrom(getType());
		List<SingleTablePersistentProperty> properties = new ArrayList<>();
		for (SingleTablePersistentProperty property : this) {
			if (property.isAnnotationPresent(CreatedBy.class) || (auditable && !property.isCreatedDateProperty()
					&& ("createdBy".equals(property.getName()) || "createdDate".equals(property.getName())))) {
				properties.add(property);
			}
		}
		return properties;
	}

	/**
	 * Returns the property receiving the modification timestamp.
	 * @return the property or {@literal null} when the type has none
	 */
	@Nullable SingleTablePersistentProperty getLastModifiedDateProperty();

	/**
	 * Returns the property keeping what the type does not map.
	 * @return the {@link UnmappedAttributes @UnmappedAttributes} property or {@literal null} when the type has none
	 */
	@Nullable SingleTablePersistentProperty getUnmappedAttributesProperty();

	/**
	 * Returns how the type writes secondary index keys, including an override of the type index.
	 * @return the index definitions, in declaration order
	 */
	List<IndexDefinition> getIndexDefinitions();

	/**
	 * Returns the definition for one index.
	 * @param index the index name
	 * @return the definition or {@literal null} when the type does not write that index
	 */
	@Nullable IndexDefinition getIndexDefinition(String index);

	/**
	 * Returns the properties stored as S3 objects ({@link BlobField @BlobField}), in declaration order.
	 * @return the blob properties, empty when the type has none
	 */
	List<SingleTablePersistentProperty> getBlobProperties();

	/**
	 * Returns the properties copied into the {@code metadata} map of the latest item
	 * ({@link FilterMetadata @FilterMetadata}), in declaration order.
	 * @return the filter metadata properties, empty when the type has none
	 */
	List<SingleTablePersistentProperty> getFilterMetadataProperties();

	/**
	 * Whether the type has exactly one resource, stored under {@code SINGLETON#<prefix>} with the prefix as its id
	 * (see {@link SingleTableEntity#singleton()}).
	 * @return {@literal true} for a singleton type
	 */
	boolean isSingleton();

	/**
	 * Returns what the partition key of a resource starts with before its id, the one rule every key of the type is
	 * built by: {@code <prefix>#}, or {@code SINGLETON#} for a singleton type (whose one id is its prefix, so that
	 * its key is {@code SINGLETON#<prefix>}, as the Python library stores singletons).
	 * @return the partition key of a resource less its id
	 */
	default String getPartitionKeyPrefix() {
		return (isSingleton() ? ItemAttributes.SINGLETON_PREFIX : getPrefix()) + "#";
	}

	/**
	 * Returns the root of the hierarchy the type is stored in: the sealed interface or abstract class annotated with
	 * {@link SingleTableEntity @SingleTableEntity}, whose prefix and settings every concrete type of it shares; the
	 * type itself outside hierarchies.
	 * @return the root type
	 */
	default Class<?> getRootType() {
		return getType();
	}

	/**
	 * Returns the attribute (and field of the stored JSON) naming the concrete type of an item of a hierarchy.
	 * @return the discriminator, or {@literal null} for a type stored outside hierarchies
	 */
	default @Nullable String getDiscriminator() {
		return null;
	}

	/**
	 * Returns the concrete types this type reads, by their discriminator values: every concrete type of a hierarchy's
	 * root, the type itself for a concrete one.
	 * @return the concrete types by discriminator value, empty for a type stored outside hierarchies
	 */
	default Map<String, Class<?>> getSubtypes() {
		return Map.of();
	}

	/**
	 * Whether reads of the hierarchy the type is stored in leave out items whose discriminator names none of its types
	 * ({@link SingleTableEntity#unknownSubtypes()}), instead of failing.
	 * @return {@literal true} to skip such items; {@literal false} outside hierarchies
	 */
	default boolean isSkipUnknownSubtypes() {
		return false;
	}

}
