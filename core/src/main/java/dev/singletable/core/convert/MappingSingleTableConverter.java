package dev.singletable.core.convert;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;

import dev.singletable.core.convert.EntityShapes.Shape;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link SingleTableConverter} on the mapping context and the storage JSON mapper. Uncompressed types store
 * each property as a top-level attribute ({@code Set<String>} properties as string sets, empty sets left out);
 * compressed types store gzip(JSON) in {@code data}. Properties annotated with Spring Data's
 * {@link org.springframework.data.annotation.Transient @Transient} are never stored and read back as their
 * default. Kotlin classes are read with Jackson's Kotlin module, which the converter registers when it is on the
 * class path; without it, a Kotlin entity type is refused when it is first mapped, naming the dependency to add.
 */
public class MappingSingleTableConverter implements SingleTableConverter {

	private final SingleTableMappingContext mappingContext;

	/** The storage mapper and what is built on it: made by the constructor, or at first use when deferred. */
	private final SingletonSupplier<StorageCodec> storage;

	/** Whether the storage is built at first use, for types whose build checked them already. */
	private final boolean deferred;

	private final SkippedItems skipped = new SkippedItems();

	/**
	 * Creates a converter with the storage defaults of {@link StorageJsonMapper}.
	 * @param mappingContext the mapping context; must not be {@literal null}
	 */
	public MappingSingleTableConverter(SingleTableMappingContext mappingContext) {
		this(mappingContext, StorageJsonMapper.create());
	}

	/**
	 * Creates a converter on a customized storage mapper (build it from {@link StorageJsonMapper#builder()}).
	 * The mapper's naming strategy, if any, names all but the system properties.
	 * @param mappingContext the mapping context; must not be {@literal null}
	 * @param jsonMapper the storage mapper; must not be {@literal null}
	 */
	public MappingSingleTableConverter(SingleTableMappingContext mappingContext, JsonMapper jsonMapper) {
		Assert.notNull(mappingContext, "SingleTableMappingContext must not be null");
		Assert.notNull(jsonMapper, "JsonMapper must not be null");
		this.mappingContext = mappingContext;
		this.storage = SingletonSupplier.of(() -> StorageCodec.of(mappingContext, jsonMapper));
		this.deferred = false;
		// the types known up front are checked now, so that an invalid one fails at startup
		this.storage.obtain();
	}

	/**
	 * Creates a converter whose storage mapper is built, and the entity types known up front checked, when it first
	 * reads, writes or describes an entity, not when it is created: for an application processed ahead of time,
	 * whose types its build checked already, so that Jackson's classes are loaded on the first request rather than
	 * before the application is ready. An invalid type then fails on that first use, naming the type.
	 * @param mappingContext the mapping context; must not be {@literal null}
	 * @param jsonMapper supplies the storage mapper (build it from {@link StorageJsonMapper#builder()}) once, on
	 * first use; must not be {@literal null}
	 */
	public MappingSingleTableConverter(SingleTableMappingContext mappingContext, Supplier<JsonMapper> jsonMapper) {
		Assert.notNull(mappingContext, "SingleTableMappingContext must not be null");
		Assert.notNull(jsonMapper, "JsonMapper supplier must not be null");
		this.mappingContext = mappingContext;
		this.storage = SingletonSupplier.of(() -> StorageCodec.of(mappingContext, jsonMapper.get()));
		this.deferred = true;
	}

	/**
	 * Checks the entity types known to a mapping context as a converter on the default storage mapper
	 * ({@link StorageJsonMapper#create()}) would, without building the mapper, when Jackson's view of each is known
	 * without it: a Java record (or a sealed interface over records) whose declarations carry no Jackson annotation
	 * and which keeps no unmapped attributes. Such a type fails here with the {@link
	 * dev.singletable.core.mapping.InvalidEntityDefinitionException} the converter would give; a converter created
	 * with a {@link #MappingSingleTableConverter(SingleTableMappingContext, Supplier) supplier} of the default mapper
	 * then needs to load Jackson only at its first read or write.
	 * @param mappingContext the mapping context, initialized; must not be {@literal null}
	 * @return whether every known type was such a type, and so checked; {@literal false}, with nothing checked beyond
	 * the mapping context, when one needs the mapper
	 * @throws dev.singletable.core.mapping.InvalidEntityDefinitionException when a type cannot be stored
	 */
	public static boolean checkWithoutJsonMapper(SingleTableMappingContext mappingContext) {
		Assert.notNull(mappingContext, "SingleTableMappingContext must not be null");
		return PlainEntityTypes.check(mappingContext);
	}

	private StorageCodec codec() {
		return this.storage.obtain();
	}

	private EntityShapes shapes() {
		return codec().shapes();
	}

	@Override
	public SingleTableMappingContext getMappingContext() {
		return this.mappingContext;
	}

	@Override
	public JsonMapper getJsonMapper() {
		return codec().jsonMapper();
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> SingleTablePersistentEntity<T> getRequiredEntity(Class<T> type) {
		Assert.notNull(type, "Entity type must not be null");
		if (this.deferred && this.mappingContext.hasPersistentEntityFor(type)) {
			// a type known up front, which the build checked: a repository made at start needs no storage mapper
			return (SingleTablePersistentEntity<T>) this.mappingContext.getRequiredPersistentEntity(type);
		}
		return (SingleTablePersistentEntity<T>) shapes().get(type).entity();
	}

	@Override
	public String getStoredName(SingleTablePersistentProperty property) {
		if (property.isUnmappedAttributesProperty()) {
			throw new IllegalArgumentException("'" + property.getName() + "' of "
					+ property.getOwner().getType().getSimpleName() + " holds the attributes the type does not map "
					+ "(@UnmappedAttributes); it is not stored as an attribute of its own");
		}
		return shapes().get(property.getOwner().getType()).storedNames().get(property.getName());
	}

	@Override
	public Map<String, AttributeValue> writeBody(Object entity, @Nullable Instant createdAt, Instant updatedAt) {
		return codec().writeBody(entity, createdAt, updatedAt);
	}

	@Override
	public Map<String, AttributeValue> historyBody(Class<?> type, Map<String, AttributeValue> body) {
		Shape shape = shapes().get(type);
		if (shape.unmapped() == null) {
			return body;
		}
		Map<String, AttributeValue> history = null;
		for (String name : body.keySet()) {
			if (UnmappedLayout.isLatestOnly(name)
					&& (shape.entity().isCompressed() || !shape.unmapped().mapped().contains(name))) {
				if (history == null) {
					history = new LinkedHashMap<>(body);
				}
				history.remove(name);
			}
		}
		return (history != null) ? history : body;
	}

	@Override
	public boolean isInstance(Class<?> type, Map<String, AttributeValue> item) {
		SingleTablePersistentEntity<?> entity = shapes().get(type).entity();
		if (entity.getType() == entity.getRootType() && !entity.isSkipUnknownSubtypes()) {
			return true;
		}
		String value = storedDiscriminator(entity, item);
		if (value != null && entity.getSubtypes().containsKey(value)) {
			return true;
		}
		if (entity.isSkipUnknownSubtypes()) {
			SingleTablePersistentEntity<?> root = shapes().get(entity.getRootType()).entity();
			if (value == null || !root.getSubtypes().containsKey(value)) {
				this.skipped.skip(root, value, item);
			}
		}
		return false;
	}

	/**
	 * Returns how many items reads left out so far because their discriminator named none of their hierarchy's types,
	 * for hierarchies that skip them ({@code @SingleTableEntity(unknownSubtypes = SKIP)}).
	 * @return the counts by hierarchy root, then by the value stored ({@code ""} for none)
	 */
	public Map<Class<?>, Map<String, Long>> getSkippedItems() {
		return this.skipped.counts();
	}

	/** The discriminator value an item of a hierarchy stores: its attribute, else the field of its JSON. */
	private @Nullable String storedDiscriminator(SingleTablePersistentEntity<?> entity, Map<String, AttributeValue> item) {
		AttributeValue attribute = item.get(entity.getDiscriminator());
		if (attribute != null && attribute.s() != null) {
			return attribute.s();
		}
		AttributeValue data = item.get(ItemAttributes.DATA);
		if (data == null || data.b() == null) {
			return null;
		}
		JsonNode field = readData(data.b().asByteArrayUnsafe()).get(entity.getDiscriminator());
		return (field != null && field.isString()) ? field.stringValue() : null;
	}

	@Override
	public <T> T read(Class<T> type, Map<String, AttributeValue> item) {
		return codec().read(type, item);
	}

	@Override
	public AttributeValue writeValue(@Nullable Object value) {
		return codec().values().writeValue(value);
	}

}
