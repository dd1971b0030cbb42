package dev.singletable.core.internal.item;

import org.jspecify.annotations.Nullable;
import dev.singletable.core.internal.format.ItemAttributes;
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
