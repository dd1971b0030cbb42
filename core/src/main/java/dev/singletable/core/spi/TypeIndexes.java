package dev.singletable.core.spi;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.internal.item.TypeIndex;
import dev.singletable.core.mapping.IndexDefinition;
import dev.singletable.core.mapping.KeyTemplate;
import dev.singletable.core.mapping.SingleTablePersistentEntity;

/**
 * The keys an entity writes to the type index, which lists every resource of a type: its name, the definition an
 * entity has when it declares none, and the template of its sort key.
 */
public final class TypeIndexes {

	/** The type index's name. */
	public static final String NAME = TypeIndex.NAME;

	private TypeIndexes() {
	}

	/**
	 * Returns the type index's definition for an entity that declares none with {@code @IndexKey}.
	 * @param entity the entity
	 * @return the definition it writes by default
	 */
	public static IndexDefinition defaultDefinition(SingleTablePersistentEntity<?> entity) {
		return TypeIndex.defaultDefinition(entity);
	}

	/**
	 * Returns the template of the sort key an entity writes to the type index.
	 * @param entity the entity
	 * @return the template, or {@literal null} when no property maps onto the sort key (it sorts by modification)
	 */
	public static @Nullable KeyTemplate sortTemplate(SingleTablePersistentEntity<?> entity) {
		return TypeIndex.sortTemplate(entity);
	}

}
