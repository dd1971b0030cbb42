package dev.singletable.core.convert;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.util.Assert;
import org.springframework.util.CollectionUtils;
import org.springframework.util.function.SingletonSupplier;

import dev.singletable.core.convert.EntityShapes.Shape;
import dev.singletable.internal.format.AttributeValues;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.internal.format.StorageTimestamps;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.TokenBuffer;

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
	private final SingletonSupplier<Storage> storage;

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
		this.storage = SingletonSupplier.of(() -> Storage.of(mappingContext, jsonMapper));
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
		this.storage = SingletonSupplier.of(() -> Storage.of(mappingContext, jsonMapper.get()));
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

	/**
	 * The storage mapper as the converter configures it, the entity shapes described with it and the attribute
	 * value conversion on it.
	 */
	private record Storage(JsonMapper jsonMapper, EntityShapes shapes, AttributeValueConversion values) {

		static Storage of(SingleTableMappingContext mappingContext, JsonMapper jsonMapper) {
			SystemPropertyNamingStrategy namingStrategy = new SystemPropertyNamingStrategy(
					jsonMapper.serializationConfig().getPropertyNamingStrategy());
			JsonMapper.Builder builder = jsonMapper.rebuild();
			// a mapper not built from StorageJsonMapper gets the Kotlin module too, when it is on the class path
			KotlinSupport.registerIfPresent(builder);
			// the builder's own introspector, which its modules' introspectors are added to again when it builds
			JsonMapper storage = builder.propertyNamingStrategy(namingStrategy)
				.annotationIntrospector(new UnmappedAttributesIntrospector(
						new HierarchyIntrospector(builder.annotationIntrospector(), mappingContext)))
				.addModule(new TransientProperties())
				.addModule(new UntypedNumbers())
				.build();
			EntityShapes shapes = new EntityShapes(mappingContext, storage, namingStrategy,
					KotlinSupport.isRegistered(storage));
			for (SingleTablePersistentEntity<?> entity : mappingContext.getPersistentEntities()) {
				shapes.get(entity.getType());
			}
			return new Storage(storage, shapes, new AttributeValueConversion(storage));
		}

	}

	private JsonMapper mapper() {
		return this.storage.obtain().jsonMapper();
	}

	private EntityShapes shapes() {
		return this.storage.obtain().shapes();
	}

	private AttributeValueConversion values() {
		return this.storage.obtain().values();
	}

	@Override
	public SingleTableMappingContext getMappingContext() {
		return this.mappingContext;
	}

	@Override
	public JsonMapper getJsonMapper() {
		return mapper();
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
		Shape shape = shapes().get(entity.getClass());
		if (!shape.entity().isCompressed()) {
			return writeAttributes(entity, shape, createdAt, updatedAt);
		}
		boolean complete = shape.entity().getLastModifiedDateProperty() != null
				&& (shape.entity().getCreatedDateProperty() != null || createdAt == null);
		String discriminator = shape.entity().getDiscriminator();
		if (complete && shape.unmapped() == null) {
			AttributeValue data = AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(compress(entity, shape)));
			return (discriminator != null) ? Map.of(ItemAttributes.DATA, data, discriminator, discriminatorValue(shape))
					: Map.of(ItemAttributes.DATA, data);
		}
		ObjectNode tree;
		try {
			tree = mapper().valueToTree(entity);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Cannot serialize " + shape.entity().getType().getSimpleName() + ": "
					+ ex.getOriginalMessage(), ex);
		}
		if (shape.entity().getCreatedDateProperty() == null && createdAt != null) {
			tree.put(ItemAttributes.CREATED_AT, StorageTimestamps.format(createdAt));
		}
		if (shape.entity().getLastModifiedDateProperty() == null) {
			tree.put(ItemAttributes.UPDATED_AT, StorageTimestamps.format(updatedAt));
		}
		Map<?, ?> unmapped = (shape.unmapped() != null) ? AttributeValueConversion.takeUnmapped(tree) : null;
		Map<String, AttributeValue> body = new LinkedHashMap<>();
		if (unmapped != null) {
			unmapped.forEach((name, value) -> {
				if (value instanceof AttributeValue || (unmapped instanceof UnmappedEntries read
						&& read.stored((String) name) != null)) {
					if (!shape.unmapped().compressedLayout().contains(name)) {
						body.put((String) name, values().writeUnmapped(unmapped, (String) name, value));
					}
				}
				else if (!tree.has((String) name) && !shape.unmapped().mapped().contains(name)) {
					tree.set((String) name, mapper().valueToTree(value));
				}
			});
		}
		body.put(ItemAttributes.DATA, AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(compress(tree, shape))));
		if (discriminator != null) {
			// beside the JSON, so that filters and derived queries can select a subtype
			body.put(discriminator, discriminatorValue(shape));
		}
		return body;
	}

	/**
	 * The body of an uncompressed type: each property an attribute, converted from the tokens the entity is
	 * serialized to (no JSON tree in between), then the system timestamps the type has no property for, then the
	 * entries of its {@link dev.singletable.core.mapping.UnmappedAttributes} property that no attribute has taken.
	 */
	private Map<String, AttributeValue> writeAttributes(Object entity, Shape shape, @Nullable Instant createdAt,
			Instant updatedAt) {
		boolean omitNulls = shape.entity().isOmitNulls();
		Map<String, AttributeValue> body = CollectionUtils.newLinkedHashMap(shape.storedNames().size() + 2);
		Map<?, ?> unmapped = null;
		TokenBuffer tokens = TokenBuffer.forGeneration();
		try (tokens) {
			mapper().writeValue(tokens, entity);
			try (JsonParser parser = tokens.asParser()) {
				if (parser.nextToken() != JsonToken.START_OBJECT) {
					throw new IllegalArgumentException("Cannot store " + shape.entity().getType().getSimpleName()
							+ ": it serializes to a JSON " + parser.currentToken() + ", not to an object of properties");
				}
				while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
					String name = parser.currentName();
					JsonToken value = parser.nextToken();
					if (name.equals(UnmappedAttributesIntrospector.PROPERTY)) {
						// the unmapped entries, which the introspector writes as the map itself
						unmapped = (parser.getEmbeddedObject() instanceof Map<?, ?> entries) ? entries : null;
						parser.skipChildren();
					}
					else if (value == JsonToken.START_ARRAY && shape.stringSets().contains(name)) {
						putStringSet(body, name, parser);
					}
					else if (value != JsonToken.VALUE_NULL || !omitNulls) {
						body.put(name, AttributeValues.fromJson(parser, omitNulls));
					}
				}
			}
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Cannot serialize " + shape.entity().getType().getSimpleName() + ": "
					+ ex.getOriginalMessage(), ex);
		}
		if (shape.entity().getCreatedDateProperty() == null && createdAt != null) {
			body.put(ItemAttributes.CREATED_AT, AttributeValue.fromS(StorageTimestamps.format(createdAt)));
		}
		if (shape.entity().getLastModifiedDateProperty() == null) {
			body.put(ItemAttributes.UPDATED_AT, AttributeValue.fromS(StorageTimestamps.format(updatedAt)));
		}
		if (unmapped != null) {
			putUnmapped(body, shape, unmapped, omitNulls);
		}
		return body;
	}

	/**
	 * Puts the entries of an uncompressed type's {@link dev.singletable.core.mapping.UnmappedAttributes} property
	 * that no attribute has taken and that are no property's or the layout's; a null entry only when nulls are kept
	 * or it was read from an attribute.
	 */
	private void putUnmapped(Map<String, AttributeValue> body, Shape shape, Map<?, ?> entries, boolean omitNulls) {
		entries.forEach((name, value) -> {
			if (!body.containsKey(name) && !shape.unmapped().mapped().contains(name)
					&& !shape.unmapped().layout().contains(name) && (value != null || !omitNulls
							|| (entries instanceof UnmappedEntries read && read.stored((String) name) != null))) {
				body.put((String) name, values().writeUnmapped(entries, (String) name, value));
			}
		});
	}

	/**
	 * Puts a {@code Set<String>} property's array as a string set, each element's text once; an empty one is left
	 * out, as DynamoDB cannot store it.
	 */
	private static void putStringSet(Map<String, AttributeValue> body, String name, JsonParser parser) {
		Set<String> elements = new LinkedHashSet<>();
		while (parser.nextToken() != JsonToken.END_ARRAY) {
			if (parser.currentToken().isStructStart()) {
				throw new IllegalArgumentException("The string set '" + name + "' holds strings, not "
						+ parser.currentToken());
			}
			// a null element as the empty text, as a JSON tree's null node gives it
			elements.add((parser.currentToken() == JsonToken.VALUE_NULL) ? "" : parser.getString());
		}
		if (!elements.isEmpty()) {
			body.put(name, AttributeValue.fromSs(List.copyOf(elements)));
		}
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

	private static AttributeValue discriminatorValue(Shape shape) {
		return AttributeValue.fromS(shape.entity().getSubtypes().keySet().iterator().next());
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

	/** Writes the JSON of an entity, or of its tree, into gzip. */
	private byte[] compress(Object value, Shape shape) {
		try {
			return Gzip.compress(shape.entity().getCompressionLevel(), (out) -> mapper().writeValue(out, value));
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Cannot serialize " + shape.entity().getType().getSimpleName() + ": "
					+ ex.getOriginalMessage(), ex);
		}
	}

	@Override
	public <T> T read(Class<T> type, Map<String, AttributeValue> item) {
		Shape shape = shapes().get(type);
		try {
			AttributeValue data = item.get(ItemAttributes.DATA);
			if (data != null && data.b() != null && (shape.entity().isCompressed() || !shape.storedNames().containsValue(ItemAttributes.DATA))) {
				if (shape.unmapped() != null) {
					return values().readCompressed(type, shape, data, item);
				}
				return Gzip.decompress(data.b().asByteArrayUnsafe(),
						(json, offset, length) -> mapper().readValue(json, offset, length, type));
			}
			Map<String, AttributeValue> unmapped = (shape.unmapped() != null) ? new LinkedHashMap<>() : null;
			TokenBuffer tokens = TokenBuffer.forGeneration();
			tokens.writeStartObject();
			for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
				String name = attribute.getKey();
				if (!shape.ignoredAttributes().contains(name)) {
					tokens.writeName(name);
					AttributeValues.writeJson(tokens, attribute.getValue());
				}
				if (unmapped != null && !shape.unmapped().layout().contains(name)
						&& !shape.unmapped().mapped().contains(name)) {
					unmapped.put(name, attribute.getValue());
				}
			}
			if (unmapped != null) {
				tokens.writeName(UnmappedAttributesIntrospector.PROPERTY);
				tokens.writeEmbeddedObject(values().readUnmapped(unmapped));
			}
			for (String set : shape.stringSets()) {
				if (!item.containsKey(set) || shape.ignoredAttributes().contains(set)) {
					// DynamoDB cannot store an empty string set: an absent one reads as empty
					tokens.writeName(set);
					tokens.writeStartArray();
					tokens.writeEndArray();
				}
			}
			tokens.writeEndObject();
			// a parser of the mapper's, which deserializers may ask to read a nested value (Kotlin's value classes do)
			try (JsonParser parser = tokens.asParser(mapper()._deserializationContext())) {
				return mapper().readValue(parser, type);
			}
		}
		catch (InvalidTypeIdException ex) {
			throw unknownSubtype(shape.entity(), item, ex);
		}
		catch (JacksonException | java.io.UncheckedIOException ex) {
			throw new DataRetrievalFailureException("Cannot read item " + key(item) + " as " + type.getName() + ": "
					+ ex.getMessage(), ex);
		}
	}

	private UnknownSubtypeException unknownSubtype(SingleTablePersistentEntity<?> entity, Map<String, AttributeValue> item,
			InvalidTypeIdException ex) {
		String value = ex.getTypeId();
		List<String> known = List.copyOf(entity.getSubtypes().keySet());
		SingleTablePersistentEntity<?> root = shapes().get(entity.getRootType()).entity();
		String problem;
		if (value == null) {
			problem = "it has no '" + entity.getDiscriminator() + "' naming its type; the items of "
					+ root.getType().getSimpleName() + " name one of " + known;
		}
		else if (root.getSubtypes().containsKey(value)) {
			problem = "it is a " + root.getSubtypes().get(value).getSimpleName() + ", not one of " + known
					+ "; read it as " + root.getType().getSimpleName();
		}
		else {
			problem = "its " + entity.getDiscriminator() + " '" + value + "' names no type of "
					+ root.getType().getSimpleName() + ", whose types are " + root.getSubtypes().keySet()
					+ "; add the type to the hierarchy (a permitted subtype, or @SingleTableEntity(subtypes = ...)), "
					+ "or name it with @TypeAlias(\"" + value + "\")";
		}
		return new UnknownSubtypeException("Cannot read item " + key(item) + " as " + entity.getType().getName() + ": "
				+ problem, value, known, ex);
	}

	/** The key of an item, as failures name it: {@code pk=..., sk=...}. */
	private static String key(Map<String, AttributeValue> item) {
		AttributeValue pk = item.get(ItemAttributes.PK);
		AttributeValue sk = item.get(ItemAttributes.SK);
		return "pk=" + ((pk != null) ? pk.s() : null) + ", sk=" + ((sk != null) ? sk.s() : null);
	}

	@Override
	public AttributeValue writeValue(@Nullable Object value) {
		return values().writeValue(value);
	}

}
