package dev.singletable.core.convert;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.data.mapping.MappingException;
import org.springframework.util.Assert;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.singletable.core.internal.format.AttributeValues;
import dev.singletable.core.internal.format.ItemAttributes;
import dev.singletable.core.internal.format.StorageTimestamps;
import dev.singletable.core.mapping.IndexDefinition;
import dev.singletable.core.mapping.InvalidEntityDefinitionException;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import dev.singletable.core.mapping.UnmappedAttributes;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.TokenBuffer;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;

/**
 * {@link SingleTableConverter} on the mapping context and the storage JSON mapper. Uncompressed types store
 * each property as a top-level attribute ({@code Set<String>} properties as string sets, empty sets left out);
 * compressed types store gzip(JSON) in {@code data}. Properties annotated with Spring Data's
 * {@link org.springframework.data.annotation.Transient @Transient} are never stored and read back as their
 * default.
 */
public class MappingSingleTableConverter implements SingleTableConverter {

	private final SingleTableMappingContext mappingContext;

	private final JsonMapper jsonMapper;

	private final SystemPropertyNamingStrategy namingStrategy;

	private final Map<Class<?>, Shape> shapes = new ConcurrentHashMap<>();

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
		this.namingStrategy = new SystemPropertyNamingStrategy(
				jsonMapper.serializationConfig().getPropertyNamingStrategy());
		this.jsonMapper = jsonMapper.rebuild()
			.propertyNamingStrategy(this.namingStrategy)
			.annotationIntrospector(new UnmappedAttributesIntrospector(
					jsonMapper.serializationConfig().getAnnotationIntrospector()))
			.addModule(new TransientProperties())
			.addModule(new UntypedNumbers())
			.build();
		// the types known up front are checked now, so that an invalid one fails at startup
		for (SingleTablePersistentEntity<?> entity : mappingContext.getPersistentEntities()) {
			shape(entity.getType());
		}
	}

	@Override
	public SingleTableMappingContext getMappingContext() {
		return this.mappingContext;
	}

	@Override
	public JsonMapper getJsonMapper() {
		return this.jsonMapper;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> SingleTablePersistentEntity<T> getRequiredEntity(Class<T> type) {
		Assert.notNull(type, "Entity type must not be null");
		return (SingleTablePersistentEntity<T>) shape(type).entity;
	}

	@Override
	public String getStoredName(SingleTablePersistentProperty property) {
		if (property.isUnmappedAttributesProperty()) {
			throw new IllegalArgumentException("'" + property.getName() + "' of "
					+ property.getOwner().getType().getSimpleName() + " holds the attributes the type does not map "
					+ "(@UnmappedAttributes); it is not stored as an attribute of its own");
		}
		return shape(property.getOwner().getType()).storedNames.get(property.getName());
	}

	@Override
	public Map<String, AttributeValue> writeBody(Object entity, @Nullable Instant createdAt, Instant updatedAt) {
		Shape shape = shape(entity.getClass());
		boolean complete = shape.entity.getLastModifiedDateProperty() != null
				&& (shape.entity.getCreatedDateProperty() != null || createdAt == null);
		if (shape.entity.isCompressed() && complete && shape.unmapped == null) {
			return Map.of(ItemAttributes.DATA, AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(compress(entity, shape))));
		}
		ObjectNode tree;
		try {
			tree = this.jsonMapper.valueToTree(entity);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Cannot serialize " + shape.entity.getType().getSimpleName() + ": "
					+ ex.getOriginalMessage(), ex);
		}
		if (shape.entity.getCreatedDateProperty() == null && createdAt != null) {
			tree.put(ItemAttributes.CREATED_AT, StorageTimestamps.format(createdAt));
		}
		if (shape.entity.getLastModifiedDateProperty() == null) {
			tree.put(ItemAttributes.UPDATED_AT, StorageTimestamps.format(updatedAt));
		}
		Map<?, ?> unmapped = (shape.unmapped != null) ? unmapped(tree) : null;
		if (shape.entity.isCompressed()) {
			Map<String, AttributeValue> body = new LinkedHashMap<>();
			if (unmapped != null) {
				unmapped.forEach((name, value) -> {
					if (value instanceof AttributeValue || (unmapped instanceof UnmappedEntries read
							&& read.stored((String) name) != null)) {
						if (!shape.unmapped.compressedLayout().contains(name)) {
							body.put((String) name, writeUnmapped(unmapped, (String) name, value));
						}
					}
					else if (!tree.has((String) name) && !shape.unmapped.mapped().contains(name)) {
						tree.set((String) name, this.jsonMapper.valueToTree(value));
					}
				});
			}
			body.put(ItemAttributes.DATA, AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(compress(tree, shape))));
			return body;
		}
		boolean omitNulls = shape.entity.isOmitNulls();
		Map<String, AttributeValue> body = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> field : tree.properties()) {
			String name = field.getKey();
			JsonNode value = field.getValue();
			if (value.isNull() && omitNulls) {
				continue;
			}
			if (shape.stringSets.contains(name) && value.isArray()) {
				if (value.isEmpty()) {
					continue;
				}
				body.put(name, AttributeValue.fromSs(value.valueStream().map(JsonNode::asString).distinct().toList()));
				continue;
			}
			body.put(name, AttributeValues.fromJson(value, omitNulls));
		}
		if (unmapped != null) {
			unmapped.forEach((name, value) -> {
				if (!body.containsKey(name) && !shape.unmapped.mapped().contains(name)
						&& !shape.unmapped.layout().contains(name) && (value != null || !omitNulls
								|| (unmapped instanceof UnmappedEntries read && read.stored((String) name) != null))) {
					body.put((String) name, writeUnmapped(unmapped, (String) name, value));
				}
			});
		}
		return body;
	}

	/**
	 * Converts an {@link UnmappedAttributes} entry to the attribute it is stored as: an entry read from an
	 * attribute and left unchanged as that attribute exactly, anything else as {@link #unmappedAttribute(Object)}
	 * converts it.
	 */
	private AttributeValue writeUnmapped(Map<?, ?> entries, String name, @Nullable Object value) {
		AttributeValue written = unmappedAttribute(value);
		AttributeValue stored = (entries instanceof UnmappedEntries read) ? read.stored(name) : null;
		if (stored == null || value instanceof AttributeValue || written.equals(stored)) {
			return written;
		}
		Object asRead = readUnmapped(Map.of(name, stored)).get(name);
		return written.equals(unmappedAttribute(asRead)) ? stored : written;
	}

	/**
	 * Converts an {@link UnmappedAttributes} entry as {@link #writeValue(Object)} does, a set of numbers to an NS
	 * and a set of binaries to a BS.
	 */
	private AttributeValue unmappedAttribute(@Nullable Object value) {
		if (value instanceof Set<?> set && !set.isEmpty()) {
			if (set.stream().allMatch(Number.class::isInstance)) {
				return AttributeValue.fromNs(set.stream().map((number) -> writeValue(number).n()).distinct().toList());
			}
			if (set.stream().allMatch(byte[].class::isInstance)) {
				return AttributeValue
					.fromBs(set.stream().map((bytes) -> SdkBytes.fromByteArray((byte[]) bytes)).toList());
			}
		}
		return writeValue(value);
	}

	/** Takes the {@link UnmappedAttributes} entries out of the JSON of an entity. */
	private static @Nullable Map<?, ?> unmapped(ObjectNode tree) {
		JsonNode entries = tree.remove(UnmappedAttributesIntrospector.PROPERTY);
		return (entries instanceof POJONode pojo && pojo.getPojo() instanceof Map<?, ?> map) ? map : null;
	}

	@Override
	public Map<String, AttributeValue> historyBody(Class<?> type, Map<String, AttributeValue> body) {
		Shape shape = shape(type);
		if (shape.unmapped == null) {
			return body;
		}
		Map<String, AttributeValue> history = null;
		for (String name : body.keySet()) {
			if (UnmappedLayout.isLatestOnly(name)
					&& (shape.entity.isCompressed() || !shape.unmapped.mapped().contains(name))) {
				if (history == null) {
					history = new LinkedHashMap<>(body);
				}
				history.remove(name);
			}
		}
		return (history != null) ? history : body;
	}

	/** Writes the JSON of an entity, or of its tree, into gzip. */
	private byte[] compress(Object value, Shape shape) {
		try {
			return Gzip.compress(shape.entity.getCompressionLevel(), (out) -> this.jsonMapper.writeValue(out, value));
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Cannot serialize " + shape.entity.getType().getSimpleName() + ": "
					+ ex.getOriginalMessage(), ex);
		}
	}

	@Override
	public <T> T read(Class<T> type, Map<String, AttributeValue> item) {
		Shape shape = shape(type);
		try {
			AttributeValue data = item.get(ItemAttributes.DATA);
			if (data != null && data.b() != null && (shape.entity.isCompressed() || !shape.storedNames.containsValue(ItemAttributes.DATA))) {
				if (shape.unmapped != null) {
					return readCompressed(type, shape, data, item);
				}
				return Gzip.decompress(data.b().asByteArrayUnsafe(), (json) -> this.jsonMapper.readValue(json, type));
			}
			Map<String, AttributeValue> unmapped = (shape.unmapped != null) ? new LinkedHashMap<>() : null;
			TokenBuffer tokens = TokenBuffer.forGeneration();
			tokens.writeStartObject();
			for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
				String name = attribute.getKey();
				if (!shape.ignoredAttributes.contains(name)) {
					tokens.writeName(name);
					AttributeValues.writeJson(tokens, attribute.getValue());
				}
				if (unmapped != null && !shape.unmapped.layout().contains(name)
						&& !shape.unmapped.mapped().contains(name)) {
					unmapped.put(name, attribute.getValue());
				}
			}
			if (unmapped != null) {
				tokens.writeName(UnmappedAttributesIntrospector.PROPERTY);
				tokens.writeEmbeddedObject(readUnmapped(unmapped));
			}
			for (String set : shape.stringSets) {
				if (!item.containsKey(set) || shape.ignoredAttributes.contains(set)) {
					// DynamoDB cannot store an empty string set: an absent one reads as empty
					tokens.writeName(set);
					tokens.writeStartArray();
					tokens.writeEndArray();
				}
			}
			tokens.writeEndObject();
			try (JsonParser parser = tokens.asParser()) {
				return this.jsonMapper.readValue(parser, type);
			}
		}
		catch (JacksonException | java.io.UncheckedIOException ex) {
			AttributeValue pk = item.get(ItemAttributes.PK);
			AttributeValue sk = item.get(ItemAttributes.SK);
			throw new DataRetrievalFailureException("Cannot read item pk=" + ((pk != null) ? pk.s() : null) + ", sk="
					+ ((sk != null) ? sk.s() : null) + " as " + type.getName() + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Reads a compressed item into a type with an {@link UnmappedAttributes} property: the fields of {@code data}
	 * the type does not map as untyped JSON values, the attributes beside {@code data} outside the layout as
	 * {@link #readUnmapped(Map)} reads them.
	 */
	private <T> T readCompressed(Class<T> type, Shape shape, AttributeValue data, Map<String, AttributeValue> item) {
		JsonNode json = Gzip.decompress(data.b().asByteArrayUnsafe(), this.jsonMapper::readTree);
		if (!(json instanceof ObjectNode tree)) {
			throw new DataRetrievalFailureException("The data attribute does not hold a JSON object");
		}
		Map<String, AttributeValue> attributes = new LinkedHashMap<>();
		item.forEach((name, value) -> {
			if (!shape.unmapped.compressedLayout().contains(name)) {
				attributes.put(name, value);
			}
		});
		UnmappedEntries unmapped = readUnmapped(attributes);
		for (Map.Entry<String, JsonNode> field : tree.properties()) {
			if (!shape.unmapped.mapped().contains(field.getKey())) {
				unmapped.putField(field.getKey(), this.jsonMapper.treeToValue(field.getValue(), Object.class));
			}
		}
		tree.putPOJO(UnmappedAttributesIntrospector.PROPERTY, unmapped);
		return this.jsonMapper.treeToValue(tree, type);
	}

	/**
	 * Reads top-level attributes into {@link UnmappedAttributes} entries as an untyped {@code Map<String, Object>}
	 * property of an uncompressed item reads them, string, number and binary sets as {@link Set Sets}.
	 */
	private UnmappedEntries readUnmapped(Map<String, AttributeValue> attributes) {
		UnmappedEntries entries = new UnmappedEntries(attributes);
		if (attributes.isEmpty()) {
			return entries;
		}
		TokenBuffer tokens = TokenBuffer.forGeneration();
		tokens.writeStartObject();
		attributes.forEach((name, value) -> {
			tokens.writeName(name);
			AttributeValues.writeJson(tokens, value);
		});
		tokens.writeEndObject();
		Map<?, ?> values;
		try (JsonParser parser = tokens.asParser()) {
			values = this.jsonMapper.readValue(parser, LinkedHashMap.class);
		}
		attributes.forEach((name, attribute) -> {
			Object value = values.get(name);
			if (attribute.b() != null) {
				// an attribute's own binary stays bytes (untyped values read nested binaries as base64 text)
				value = attribute.b().asByteArray();
			}
			else if (attribute.hasBs()) {
				value = attribute.bs().stream().map(SdkBytes::asByteArray).collect(Collectors.toCollection(LinkedHashSet::new));
			}
			boolean set = attribute.hasSs() || attribute.hasNs();
			entries.put(name, (set && value instanceof Collection<?> elements) ? new LinkedHashSet<>(elements) : value);
		});
		return entries;
	}

	@Override
	public AttributeValue writeValue(@Nullable Object value) {
		if (value == null) {
			return AttributeValues.NULL;
		}
		if (value instanceof AttributeValue attributeValue) {
			return attributeValue;
		}
		if (value instanceof Collection<?> collection && value instanceof Set<?> && !collection.isEmpty()
				&& collection.stream().allMatch((element) -> element instanceof String)) {
			return AttributeValue.fromSs(collection.stream().map(String.class::cast).toList());
		}
		return AttributeValues.fromJson(this.jsonMapper.valueToTree(value), false);
	}

	private Shape shape(Class<?> type) {
		Shape shape = this.shapes.get(type);
		if (shape == null) {
			shape = this.shapes.computeIfAbsent(type, this::createShape);
		}
		return shape;
	}

	private Shape createShape(Class<?> type) {
		if (!type.isAnnotationPresent(SingleTableEntity.class)) {
			throw new InvalidEntityDefinitionException(type,
					"it is not annotated with @SingleTableEntity; add the annotation to store it in the single table");
		}
		SingleTablePersistentEntity<?> entity;
		try {
			entity = this.mappingContext.getRequiredPersistentEntity(type);
		}
		catch (MappingException ex) {
			if (ex.getCause() instanceof InvalidEntityDefinitionException invalid) {
				throw invalid;
			}
			throw new InvalidEntityDefinitionException(type, ex.getMessage());
		}
		Map<String, String> systemNames = new HashMap<>();
		Map<String, String> storedNames = new HashMap<>();
		Set<String> stringSets = new java.util.HashSet<>();
		for (SingleTablePersistentProperty property : entity) {
			if (property.isUnmappedAttributesProperty()) {
				continue;
			}
			String stored;
			if (property.isIdProperty()) {
				stored = ItemAttributes.RESOURCE_ID;
			}
			else if (property.isVersionProperty()) {
				stored = ItemAttributes.VERSION;
			}
			else if (property.isCreatedDateProperty()) {
				stored = ItemAttributes.CREATED_AT;
			}
			else if (property.isLastModifiedDateProperty()) {
				stored = ItemAttributes.UPDATED_AT;
			}
			else {
				stored = null;
			}
			if (stored != null) {
				systemNames.put(property.getName(), stored);
			}
			else {
				JsonProperty explicit = property.findAnnotation(JsonProperty.class);
				stored = (explicit != null && !explicit.value().isEmpty()) ? explicit.value()
						: this.namingStrategy.translate(this.jsonMapper.serializationConfig(), property.getName());
			}
			storedNames.put(property.getName(), stored);
			if (Set.class.isAssignableFrom(property.getType())) {
				Class<?> component = property.getTypeInformation().getRequiredComponentType().getType();
				if (component == String.class || component.isEnum()) {
					stringSets.add(stored);
				}
			}
			if (!property.isIdProperty() && ItemAttributes.LAYOUT.contains(stored)) {
				throw new InvalidEntityDefinitionException(type, "its property '" + property.getName() + "' is stored as '"
						+ stored + "', a key attribute of the item layout; rename it or annotate it with @JsonProperty");
			}
		}
		this.namingStrategy.register(type, systemNames);
		Map<String, String> inItem = new java.util.HashMap<>(storedNames);
		// blob properties are stored in S3, never as JSON of the item
		entity.getBlobProperties().forEach((property) -> inItem.remove(property.getName()));
		requireSerialized(type, inItem);
		Set<String> ignored = new java.util.HashSet<>(ItemAttributes.LAYOUT);
		if (entity.getTtlProperty() != null) {
			String ttl = entity.getTtlAttribute();
			storedNames.forEach((property, stored) -> {
				if (stored.equals(ttl)) {
					throw new InvalidEntityDefinitionException(type, "its ttlAttribute '" + ttl + "' is also where its "
							+ "property '" + property + "' is stored, so one would overwrite the other; set "
							+ "@SingleTableEntity(ttlAttribute = \"...\") to another attribute name or store the property "
							+ "under another name with @JsonProperty");
				}
			});
			ignored.add(ttl);
		}
		for (IndexDefinition index : entity.getIndexDefinitions()) {
			ignored.add(index.partitionAttribute());
			if (index.sortWritten() && index.sortAttribute() != null) {
				ignored.add(index.sortAttribute());
			}
		}
		UnmappedLayout unmapped = (entity.getUnmappedAttributesProperty() != null)
				? UnmappedLayout.of(entity, storedNames.values()) : null;
		return new Shape(entity, Map.copyOf(storedNames), Set.copyOf(stringSets), ignored, unmapped);
	}

	/**
	 * Refuses a type whose persistent properties JSON serialization would not write (a non-public field without a
	 * getter, say): their values would be lost on every write.
	 */
	private void requireSerialized(Class<?> type, Map<String, String> storedNames) {
		Set<String> written = new java.util.HashSet<>();
		for (tools.jackson.databind.introspect.BeanPropertyDefinition definition : this.jsonMapper._serializationContext()
			.introspectBeanDescription(this.jsonMapper.constructType(type))
			.findProperties()) {
			if (definition.couldSerialize()) {
				written.add(definition.getName());
			}
		}
		storedNames.forEach((property, stored) -> {
			if (!written.contains(stored)) {
				throw new InvalidEntityDefinitionException(type, "its property '" + property + "' would not be stored: "
						+ "JSON serialization finds no getter or public field for it, so its value would be lost; add a "
						+ "getter, make the field public, annotate it with @JsonProperty, or mark it @Transient");
			}
		});
	}

	/**
	 * What the converter needs to know of an entity type, computed once.
	 */
	private record Shape(SingleTablePersistentEntity<?> entity, Map<String, String> storedNames, Set<String> stringSets,
			Set<String> ignoredAttributes, @Nullable UnmappedLayout unmapped) {

		private Shape {
			ignoredAttributes = Set.copyOf(ignoredAttributes);
		}

	}

}
