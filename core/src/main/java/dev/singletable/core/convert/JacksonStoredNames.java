package dev.singletable.core.convert;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.singletable.core.mapping.InvalidEntityDefinitionException;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import tools.jackson.databind.introspect.BeanPropertyDefinition;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link EntityShapes.StoredNames stored names} of the storage mapper: a property's {@link JsonProperty} name,
 * else its name as the mapper's naming strategy gives it, and the properties serialization writes as Jackson
 * introspects the type.
 */
final class JacksonStoredNames implements EntityShapes.StoredNames {

	private final JsonMapper jsonMapper;

	private final SystemPropertyNamingStrategy namingStrategy;

	/**
	 * Creates the stored names of a storage mapper.
	 * @param jsonMapper the storage mapper, configured with the naming strategy
	 * @param namingStrategy the naming strategy, told the system properties of each type
	 */
	JacksonStoredNames(JsonMapper jsonMapper, SystemPropertyNamingStrategy namingStrategy) {
		this.jsonMapper = jsonMapper;
		this.namingStrategy = namingStrategy;
	}

	@Override
	public String of(SingleTablePersistentProperty property) {
		JsonProperty explicit = property.findAnnotation(JsonProperty.class);
		return (explicit != null && !explicit.value().isEmpty()) ? explicit.value()
				: this.namingStrategy.translate(this.jsonMapper.serializationConfig(), property.getName());
	}

	@Override
	public void registerSystemNames(Class<?> type, Map<String, String> systemNames) {
		this.namingStrategy.register(type, systemNames);
	}

	/**
	 * Refuses a type whose persistent properties JSON serialization would not write (a non-public field without a
	 * getter, say): their values would be lost on every write.
	 */
	@Override
	public void requireSerialized(Class<?> type, Map<String, String> storedNames) {
		Set<String> written = new HashSet<>();
		for (BeanPropertyDefinition definition : this.jsonMapper._serializationContext()
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

}
