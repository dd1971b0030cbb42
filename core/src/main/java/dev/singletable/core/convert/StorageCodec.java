package dev.singletable.core.convert;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.util.CollectionUtils;

import dev.singletable.core.convert.EntityShapes.Shape;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.internal.format.AttributeValues;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.internal.format.StorageTimestamps;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.TokenBuffer;

/**
 * The storage mapper as a {@link MappingSingleTableConverter} configures it, the entity shapes described with it, and
 * the entities' items written and read through it. The converter's reads and writes are here, with their catch
 * clauses and token buffers, so that verifying the converter's own class loads none of Jackson's classes: a converter
 * whose mapper is built at first use loads them then.
 */
final class StorageCodec {

	private final JsonMapper jsonMapper;

	private final EntityShapes shapes;

	private final AttributeValueConversion values;

	private StorageCodec(JsonMapper jsonMapper, EntityShapes shapes, AttributeValueConversion values) {
		this.jsonMapper = jsonMapper;
		this.shapes = shapes;
		this.values = values;
	}

	/**
	 * Configures the storage mapper for the mapping context and checks the entity types it knows.
	 * @throws dev.singletable.core.mapping.InvalidEntityDefinitionException when a known type cannot be stored
	 */
	static StorageCodec of(SingleTableMappingContext mappingContext, JsonMapper jsonMapper) {
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
		EntityShapes shapes = new EntityShapes(mappingContext, new JacksonStoredNames(storage, namingStrategy),
				KotlinSupport.isRegistered(storage));
		for (SingleTablePersistentEntity<?> entity : mappingContext.getPersistentEntities()) {
			shapes.get(entity.getType());
		}
		return new StorageCodec(storage, shapes, new AttributeValueConversion(storage));
	}

	JsonMapper jsonMapper() {
		return this.jsonMapper;
	}

	EntityShapes shapes() {
		return this.shapes;
	}

	AttributeValueConversion values() {
		return this.values;
	}

	/**
	 * Writes the body of an entity's item, as {@link SingleTableConverter#writeBody} describes.
	 */
	Map<String, AttributeValue> writeBody(Object entity, @Nullable Instant createdAt, Instant updatedAt) {
		Shape shape = this.shapes.get(entity.getClass());
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
			tree = this.jsonMapper.valueToTree(entity);
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
						body.put((String) name, this.values.writeUnmapped(unmapped, (String) name, value));
					}
				}
				else if (!tree.has((String) name) && !shape.unmapped().mapped().contains(name)) {
					tree.set((String) name, this.jsonMapper.valueToTree(value));
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
			this.jsonMapper.writeValue(tokens, entity);
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
				body.put((String) name, this.values.writeUnmapped(entries, (String) name, value));
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

	private static AttributeValue discriminatorValue(Shape shape) {
		return AttributeValue.fromS(shape.entity().getSubtypes().keySet().iterator().next());
	}

	/** Writes the JSON of an entity, or of its tree, into gzip. */
	private byte[] compress(Object value, Shape shape) {
		try {
			return Gzip.compress(shape.entity().getCompressionLevel(), (out) -> this.jsonMapper.writeValue(out, value));
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Cannot serialize " + shape.entity().getType().getSimpleName() + ": "
					+ ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * Reads an item as an entity, as {@link SingleTableConverter#read} describes.
	 */
	<T> T read(Class<T> type, Map<String, AttributeValue> item) {
		Shape shape = this.shapes.get(type);
		try {
			AttributeValue data = item.get(ItemAttributes.DATA);
			if (data != null && data.b() != null && (shape.entity().isCompressed() || !shape.storedNames().containsValue(ItemAttributes.DATA))) {
				if (shape.unmapped() != null) {
					return this.values.readCompressed(type, shape, data, item);
				}
				return Gzip.decompress(data.b().asByteArrayUnsafe(),
						(json, offset, length) -> this.jsonMapper.readValue(json, offset, length, type));
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
				tokens.writeEmbeddedObject(this.values.readUnmapped(unmapped));
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
			try (JsonParser parser = tokens.asParser(this.jsonMapper._deserializationContext())) {
				return this.jsonMapper.readValue(parser, type);
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
		SingleTablePersistentEntity<?> root = this.shapes.get(entity.getRootType()).entity();
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

}
