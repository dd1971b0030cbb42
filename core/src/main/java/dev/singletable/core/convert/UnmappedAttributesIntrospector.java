package dev.singletable.core.convert;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.singletable.core.mapping.UnmappedAttributes;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.AnnotationIntrospector;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.PropertyName;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.introspect.AnnotationIntrospectorPair;

/**
 * How the storage mapper sees an {@link UnmappedAttributes @UnmappedAttributes} property: under a reserved name
 * no stored field can have, carried whole as an embedded object so that its entries (attribute values among
 * them) pass between the converter and the entity untouched, whatever Jackson annotations the property has for
 * other mappers. The converter removes the reserved field before anything is stored and adds it on read.
 */
final class UnmappedAttributesIntrospector extends AnnotationIntrospectorPair {

	/** The JSON name of the property inside the storage mapper; never stored. */
	static final String PROPERTY = "\u0000unmapped";

	private static final PropertyName NAME = PropertyName.construct(PROPERTY);

	UnmappedAttributesIntrospector(AnnotationIntrospector delegate) {
		super(delegate, AnnotationIntrospector.nopInstance());
	}

	private static boolean isUnmapped(Annotated annotated) {
		return annotated.hasAnnotation(UnmappedAttributes.class);
	}

	@Override
	public boolean hasIgnoreMarker(MapperConfig<?> config, AnnotatedMember member) {
		return !isUnmapped(member) && super.hasIgnoreMarker(config, member);
	}

	@Override
	public PropertyName findNameForSerialization(MapperConfig<?> config, Annotated annotated) {
		return isUnmapped(annotated) ? NAME : super.findNameForSerialization(config, annotated);
	}

	@Override
	public PropertyName findNameForDeserialization(MapperConfig<?> config, Annotated annotated) {
		return isUnmapped(annotated) ? NAME : super.findNameForDeserialization(config, annotated);
	}

	@Override
	public JsonProperty.Access findPropertyAccess(MapperConfig<?> config, Annotated annotated) {
		return isUnmapped(annotated) ? JsonProperty.Access.READ_WRITE : super.findPropertyAccess(config, annotated);
	}

	@Override
	public Object findSerializer(MapperConfig<?> config, Annotated annotated) {
		return isUnmapped(annotated) ? new EmbeddedSerializer() : super.findSerializer(config, annotated);
	}

	@Override
	public Object findDeserializer(MapperConfig<?> config, Annotated annotated) {
		return isUnmapped(annotated) ? new EmbeddedDeserializer() : super.findDeserializer(config, annotated);
	}

	/**
	 * Writes the map as one embedded object: the converter and {@code valueToTree} receive it as is, and a JSON
	 * generator refuses it, so that it is never written as JSON.
	 */
	static final class EmbeddedSerializer extends ValueSerializer<Object> {

		@Override
		public void serialize(Object value, JsonGenerator generator, SerializationContext context) {
			generator.writeEmbeddedObject(value);
		}

	}

	/**
	 * Reads the map back from an embedded object, the {@link UnmappedEntries} the converter read, as is (a JSON
	 * object, should one ever be given, as plain values).
	 */
	static final class EmbeddedDeserializer extends ValueDeserializer<Map<String, Object>> {

		@Override
		@SuppressWarnings("unchecked")
		public Map<String, Object> deserialize(JsonParser parser, DeserializationContext context) {
			if (parser.currentToken() == JsonToken.VALUE_EMBEDDED_OBJECT
					&& parser.getEmbeddedObject() instanceof Map<?, ?> map) {
				return (map instanceof UnmappedEntries entries) ? entries
						: new LinkedHashMap<>((Map<String, Object>) map);
			}
			return context.readValue(parser, LinkedHashMap.class);
		}

	}

}
