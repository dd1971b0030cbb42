package dev.singletable.core.internal.item;

import java.util.List;

import org.jspecify.annotations.Nullable;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.mapping.IndexDefinition;
import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.KeyTemplate;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;

/**
 * The type index and its defaults, in one place: the index {@code gsitype} keyed by the attributes
 * {@code gsitype} (the type prefix unless an {@code @IndexKey(index = "gsitype")} says otherwise) and
 * {@code gsitypesk} (the modification time, {@code updated_at}, unless a sort template or a computed key says
 * otherwise). Writes, queries and the schema all ask this class.
 */
public final class TypeIndex {

	/** Name of the type index. */
	public static final String NAME = ItemAttributes.TYPE_INDEX;

	/** The attribute holding the type index partition key. */
	public static final String PARTITION_ATTRIBUTE = ItemAttributes.GSI_TYPE;

	/** The attribute holding the type index sort key. */
	public static final String SORT_ATTRIBUTE = ItemAttributes.GSI_TYPE_SK;

	private TypeIndex() {
	}

	/**
	 * Returns the type index partition value every item of a type carries: the type prefix by default, or the
	 * constant of a declared partition template without properties.
	 * @param entity the entity type
	 * @return the value, or {@literal null} when the type computes it or renders it from properties
	 */
	public static @Nullable String constantPartition(SingleTablePersistentEntity<?> entity) {
		IndexDefinition definition = entity.getIndexDefinition(NAME);
		if (definition == null) {
			return entity.getPrefix();
		}
		KeyTemplate partition = definition.partition();
		return (partition != null && !partition.hasProperties()) ? partition.getPrefix() : null;
	}

	/**
	 * Returns the shards a type's key of the type index is spread over
	 * ({@link SingleTablePersistentEntity#getTypeIndexShards()}).
	 * @param entity the entity type
	 * @return the shards, {@link KeyShards#NONE} for a type that is not spread
	 */
	public static KeyShards shards(SingleTablePersistentEntity<?> entity) {
		int shards = entity.getTypeIndexShards();
		return (shards <= 1) ? KeyShards.NONE : new KeyShards(shards);
	}

	/**
	 * Returns the type index partition a resource's latest item is written under: the type's constant value, or,
	 * for a type spread over shards, that value's key of the resource's shard ({@link KeyShards#key}).
	 * @param entity the entity type
	 * @param id the resource id
	 * @return the value, or {@literal null} when the type computes it or renders it from properties
	 */
	public static @Nullable String partitionOf(SingleTablePersistentEntity<?> entity, String id) {
		String partition = constantPartition(entity);
		return (partition != null) ? shards(entity).key(partition, id) : null;
	}

	/**
	 * Returns every type index partition a listing of a type reads: its constant value, and for a spread type each
	 * shard's after it (the type's own key still holds the items written before the type was spread, and those the
	 * Python library writes).
	 * @param entity the entity type
	 * @return the values, one for a type that is not spread; empty when the type computes its value
	 */
	public static List<String> partitions(SingleTablePersistentEntity<?> entity) {
		String partition = constantPartition(entity);
		return (partition != null) ? shards(entity).keys(partition) : List.of();
	}

	/**
	 * Whether a type's latest items are spread over several type index partitions.
	 * @param entity the entity type
	 * @return {@literal true} for more than one shard
	 */
	public static boolean spread(SingleTablePersistentEntity<?> entity) {
		return entity.getTypeIndexShards() > 1 && constantPartition(entity) != null;
	}

	/**
	 * Whether the type index sort key of a type is its modification time ({@code updated_at}), the default: no
	 * declared sort template and no computed key.
	 * @param entity the entity type
	 * @return {@literal true} when writes stamp {@code gsitypesk} with the modification time
	 */
	public static boolean sortsByModification(SingleTablePersistentEntity<?> entity) {
		IndexDefinition definition = entity.getIndexDefinition(NAME);
		return definition == null || (definition.sort() == null && definition.method() == null);
	}

	/**
	 * Returns the template that renders a type's type index sort key from its properties: the declared sort
	 * template, else, where the key is the modification time, the {@code @LastModifiedDate} property.
	 * @param entity the entity type
	 * @return the template, or {@literal null} when no property maps onto the sort key (a computed key, or a
	 * modification time without a {@code @LastModifiedDate} property)
	 */
	public static @Nullable KeyTemplate sortTemplate(SingleTablePersistentEntity<?> entity) {
		IndexDefinition definition = entity.getIndexDefinition(NAME);
		if (definition != null && definition.sort() != null) {
			return definition.sort();
		}
		SingleTablePersistentProperty modified = entity.getLastModifiedDateProperty();
		return (sortsByModification(entity) && modified != null)
				? KeyTemplate.parse("{" + modified.getName() + "}", KeyTemplate.Role.SORT) : null;
	}

	/**
	 * Returns the default type index of a type that declares none: partition on the prefix, sorted by the
	 * {@code @LastModifiedDate} property when there is one.
	 * @param entity the entity type
	 * @return the definition
	 */
	public static IndexDefinition defaultDefinition(SingleTablePersistentEntity<?> entity) {
		return new IndexDefinition(NAME, PARTITION_ATTRIBUTE, SORT_ATTRIBUTE, true,
				KeyTemplate.parse(entity.getPrefix(), KeyTemplate.Role.PARTITION), sortTemplate(entity), null);
	}

}
