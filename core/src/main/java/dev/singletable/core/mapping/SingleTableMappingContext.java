package dev.singletable.core.mapping;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.data.core.TypeInformation;
import org.springframework.data.mapping.context.AbstractMappingContext;
import org.springframework.data.mapping.model.Property;
import org.springframework.data.mapping.model.SimpleTypeHolder;
import org.springframework.util.Assert;

/**
 * Mapping context for types annotated with {@link SingleTableEntity @SingleTableEntity}. Only those types get
 * persistent entities; nested values are serialized as JSON.
 * <p>
 * The context also knows which type owns a partition key ({@link #getOwningEntity(String)}), and refuses a type
 * whose prefix is already taken or would make keys ambiguous (see {@link SingleTableEntity#prefix()}) when it
 * learns that type: at startup for the types an application scans, else on first use.
 */
public class SingleTableMappingContext
		extends AbstractMappingContext<SingleTablePersistentEntity<?>, SingleTablePersistentProperty> {

	private final MappingDefaults defaults;

	private final TypePrefixes prefixes = new TypePrefixes();

	private SimpleTypeHolder simpleTypes = SimpleTypeHolder.DEFAULT;

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

	/**
	 * Returns the entity type that owns a partition key {@code <prefix>#<id>}: of the types this context has
	 * learned, the singleton type whose key ({@code SINGLETON#<prefix>}) it is, else the one with the longest prefix
	 * {@code P} such that the key starts with {@code P#}. The key is never split at a {@code #}, since ids may
	 * contain one.
	 * @param partitionKey the value of the {@code pk} attribute; must not be {@literal null}
	 * @return the owning type, or {@literal null} when no type learned so far owns the key
	 */
	public @Nullable SingleTablePersistentEntity<?> getOwningEntity(String partitionKey) {
		Assert.notNull(partitionKey, "Partition key must not be null");
		return this.prefixes.owner(partitionKey);
	}

	@Override
	protected Optional<SingleTablePersistentEntity<?>> addPersistentEntity(TypeInformation<?> typeInformation) {
		try {
			Optional<SingleTablePersistentEntity<?>> added = super.addPersistentEntity(typeInformation);
			SingleTablePersistentEntity<?> entity = added.orElse(null);
			if (entity == null || entity.getDiscriminator() == null) {
				return added;
			}
			if (entity.getType() == entity.getRootType()) {
				// the concrete types of a hierarchy are known with their root: their indexes are the hierarchy's
				for (Class<?> subtype : entity.getSubtypes().values()) {
					getRequiredPersistentEntity(subtype);
				}
			}
			else {
				// and the root with any of them, since its items are the root's (it owns the prefix)
				getRequiredPersistentEntity(entity.getRootType());
			}
			return added;
		}
		catch (RuntimeException ex) {
			// the entity was not added: neither may its prefix stay taken
			this.prefixes.unregister(typeInformation.getType());
			throw ex;
		}
	}

	@Override
	public void setSimpleTypeHolder(SimpleTypeHolder simpleTypes) {
		super.setSimpleTypeHolder(simpleTypes);
		this.simpleTypes = simpleTypes;
	}

	@Override
	protected boolean shouldCreatePersistentEntityFor(TypeInformation<?> type) {
		return isEntityType(type.getType());
	}

	/**
	 * Whether a type is stored in the single table: annotated with {@link SingleTableEntity @SingleTableEntity}, or a
	 * concrete type of a hierarchy whose root is.
	 * @param type the type; must not be {@literal null}
	 * @return {@literal true} for a type this context creates an entity for
	 */
	public static boolean isEntityType(Class<?> type) {
		return type.isAnnotationPresent(SingleTableEntity.class) || TypeHierarchy.of(type) != null;
	}

	@Override
	protected <T> SingleTablePersistentEntity<?> createPersistentEntity(TypeInformation<T> typeInformation) {
		BasicSingleTablePersistentEntity<T> entity = new BasicSingleTablePersistentEntity<>(typeInformation, this.defaults,
				this.simpleTypes);
		if (entity.getRootType() == entity.getType()) {
			// a concrete type of a hierarchy registers no prefix: its items belong to the root, which owns it
			this.prefixes.register(entity);
		}
		return entity;
	}

	@Override
	protected SingleTablePersistentProperty createPersistentProperty(Property property,
			SingleTablePersistentEntity<?> owner, SimpleTypeHolder simpleTypeHolder) {
		// a getter of a hierarchy's interface (Kotlin's val id) has the annotations of its concrete types' field
		java.lang.reflect.Field declared = (owner instanceof BasicSingleTablePersistentEntity<?> entity)
				? entity.accessorField(property) : null;
		return (declared != null) ? new AccessorProperty(property, owner, simpleTypeHolder, declared)
				: new BasicSingleTablePersistentProperty(property, owner, simpleTypeHolder);
	}

}
