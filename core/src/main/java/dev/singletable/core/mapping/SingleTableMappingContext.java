package dev.singletable.core.mapping;

import org.springframework.data.core.TypeInformation;
import org.springframework.data.mapping.context.AbstractMappingContext;
import org.springframework.data.mapping.model.Property;
import org.springframework.data.mapping.model.SimpleTypeHolder;
import org.springframework.util.Assert;

/**
 * Mapping context for types annotated with {@link SingleTableEntity @SingleTableEntity}. Only those types get
 * persistent entities; nested values are serialized as JSON.
 */
public class SingleTableMappingContext
		extends AbstractMappingContext<SingleTablePersistentEntity<?>, SingleTablePersistentProperty> {

	private final MappingDefaults defaults;

	/**
	 * Creates a mapping context without global defaults.
	 */
	public SingleTableMappingContext() {
		this(MappingDefaults.NONE);
	}

	/**
	 * Creates a mapping context with the given global defaults.
	 * @param defaults the defaults for options a type does not set; must not be {@literal null}
	 */
	public SingleTableMappingContext(MappingDefaults defaults) {
		Assert.notNull(defaults, "MappingDefaults must not be null");
		this.defaults = defaults;
	}

	/**
	 * Returns the global defaults of this context.
	 * @return the defaults
	 */
	public MappingDefaults getDefaults() {
		return this.defaults;
	}

	@Override
	protected boolean shouldCreatePersistentEntityFor(TypeInformation<?> type) {
		return type.getType().isAnnotationPresent(SingleTableEntity.class);
	}

	@Override
	protected <T> SingleTablePersistentEntity<?> createPersistentEntity(TypeInformation<T> typeInformation) {
		return new BasicSingleTablePersistentEntity<>(typeInformation, this.defaults);
	}

	@Override
	protected SingleTablePersistentProperty createPersistentProperty(Property property,
			SingleTablePersistentEntity<?> owner, SimpleTypeHolder simpleTypeHolder) {
		return new BasicSingleTablePersistentProperty(property, owner, simpleTypeHolder);
	}

}
