package dev.singletable.core.convert;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataRetrievalFailureException;

import dev.singletable.core.convert.EntityShapes.Shape;
import dev.singletable.internal.format.AttributeValues;
import dev.singletable.core.mapping.UnmappedAttributes;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Converts single values and the entries of an {@link UnmappedAttributes} property to attribute values and back
 * for a {@link MappingSingleTableConverter}, on its storage mapper: sets of strings, numbers and binaries as DynamoDB
 * sets, an entry read from an attribute and left unchanged as that attribute exactly.
 */
final class AttributeValueConversion {

	private final JsonMapper jsonMapper;

	/**
	 * Creates the conversion on a storage mapper.
	 * @param jsonMapper the storage mapper of the converter
	 */
	AttributeValueConversion(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Converts a value as {@link SingleTableConverter#writeValue(Object)} describes.
	 * @param value the value, may be {@literal null}
	 * @return the attribute value
	 */
	AttributeValue writeValue(@Nullable Object value) {
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
		return AttributeValues.fromValue(this.jsonMapper, value);
	}

	/**
	 * Converts an {@link UnmappedAttributes} entry to the attribute it is stored as: an entry read from an
	 * attribute and left unchanged as that attribute exactly, anything else as {@link #unmappedAttribute(Object)}
	 * converts it.
	 */
	AttributeValue writeUnmapped(Map<?, ?> entries, String name, @Nullable Object value) {
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
	static @Nullable Map<?, ?> takeUnmapped(ObjectNode tree) {
		JsonNode entries = tree.remove(UnmappedAttributesIntrospector.PROPERTY);
		return (entries instanceof POJONode pojo && pojo.getPojo() instanceof Map<?, ?> map) ? map : null;
	}

	/**
	 * Reads a compressed item into a type with an {@link UnmappedAttributes} property: the fields of {@code data}
	 * the type does not map as untyped JSON values, the attributes beside {@code data} outside the layout as
	 * {@link #readUnmapped(Map)} reads them.
	 */
	<T> T readCompressed(Class<T> type, Shape shape, AttributeValue data, Map<String, AttributeValue> item) {
		JsonNode json = Gzip.decompress(data.b().asByteArrayUnsafe(), this.jsonMapper::readTree);
		if (!(json instanceof ObjectNode tree)) {
			throw new DataRetrievalFailureException("The data attribute does not hold a JSON object");
		}
		Map<String, AttributeValue> attributes = new LinkedHashMap<>();
		item.forEach((name, value) -> {
			if (!shape.unmapped().compressedLayout().contains(name)) {
				attributes.put(name, value);
			}
		});
		UnmappedEntries unmapped = readUnmapped(attributes);
		for (Map.Entry<String, JsonNode> field : tree.properties()) {
			if (!shape.unmapped().mapped().contains(field.getKey())) {
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
	UnmappedEntries readUnmapped(Map<String, AttributeValue> attributes) {
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

}
