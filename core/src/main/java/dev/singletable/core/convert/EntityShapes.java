package dev.singletable.core.convert;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.data.mapping.MappingException;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.mapping.IndexDefinition;
import dev.singletable.core.mapping.InvalidEntityDefinitionException;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import dev.singletable.core.mapping.UnmappedAttributes;
import tools.jackson.databind.introspect.BeanPropertyDefinition;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link Shape shapes} of the entity types of a {@link MappingSingleTableConverter}: for each type, the name
 * each property is stored under, its string sets and the layout attributes a read leaves out, computed once and
 * checked when computed, so that a type that cannot be stored fails with an {@link InvalidEntityDefinitionException}
 * naming the property and what to do.
 */
final class EntityShapes {

	private final SingleTableMappingContext mappingContext;

	/** The storage mapper; {@literal null} for types described without it ({@link PlainEntityTypes}). */
	private final @Nullable JsonMapper jsonMapper;

	private final SystemPropertyNamingStrategy namingStrategy;

	private final boolean kotlinModule;

	private final Map<Class<?>, Shape> shapes = new ConcurrentHashMap<>();

	/**
	 * Creates the shapes of a converter.
	 * @param mappingContext the mapping context
	 * @param jsonMapper the storage mapper, configured with the naming strategy; {@literal null} to describe only
	 * {@link PlainEntityTypes plain types}, whose properties the default storage mapper writes under their own names
	 * @param namingStrategy the naming strategy, told the system properties of each type
	 * @param kotlinModule whether the storage mapper has Jackson's Kotlin module, without which a Kotlin class is
	 * refused
	 */
	EntityShapes(SingleTableMappingContext mappingContext, @Nullable JsonMapper jsonMapper,
			SystemPropertyNamingStrategy namingStrategy, boolean kotlinModule) {
		this.mappingContext = mappingContext;
		this.jsonMapper = jsonMapper;
		this.namingStrategy = namingStrategy;
		this.kotlinModule = kotlinModule;
	}

	/**
	 * Returns the shape of a type, computed on first use.
	 * @param type the entity type
	 * @return its shape
	 * @throws InvalidEntityDefinitionException when the type cannot be stored
	 */
	Shape get(Class<?> type) {
		Shape shape = this.shapes.get(type);
		return (shape != null) ? shape : createShapes(type);
	}

	/**
	 * Computes the shape of a type and, for a type of a hierarchy, those of the whole hierarchy: its items are one
	 * entity's, which the root reads, so the hierarchy is checked whole whichever of its types is used first (a
	 * concrete type storing a property under the discriminator's name is refused even when only a sibling is
	 * written, since the root could never read its items), and no shape of it is kept unless all of them are valid.
	 */
	private synchronized Shape createShapes(Class<?> type) {
		Shape shape = this.shapes.get(type);
		if (shape != null) {
			return shape;
		}
		shape = createShape(type);
		SingleTablePersistentEntity<?> entity = shape.entity();
		if (entity.getDiscriminator() == null) {
			this.shapes.put(type, shape);
			return shape;
		}
		Map<Class<?>, Shape> hierarchy = new LinkedHashMap<>();
		hierarchy.put(type, shape);
		Class<?> rootType = entity.getRootType();
		Shape root = (type == rootType) ? shape : this.shapes.get(rootType);
		if (root == null) {
			root = createShape(rootType);
			hierarchy.put(rootType, root);
		}
		for (Class<?> member : root.entity().getSubtypes().values()) {
			if (!hierarchy.containsKey(member) && !this.shapes.containsKey(member)) {
				hierarchy.put(member, createShape(member));
			}
		}
		hierarchy.forEach(this.shapes::putIfAbsent);
		return this.shapes.get(type);
	}

	private Shape createShape(Class<?> type) {
		if (!SingleTableMappingContext.isEntityType(type)) {
			throw new InvalidEntityDefinitionException(type,
					"it is not annotated with @SingleTableEntity; add the annotation to store it in the single table");
		}
		if (!this.kotlinModule && KotlinSupport.isKotlinClass(type)) {
			throw new InvalidEntityDefinitionException(type, KotlinSupport.missingModule());
		}
		SingleTablePersistentEntity<?> entity;
		try {
			entity = this.mappingContext.getRequiredPersistentEntity(type);
		}
		catch (MappingException ex) {
			if (ex.getCause() instanceof InvalidEntityDefinitionException invalid) {
				throw invalid;
			}
			Throwable cause = ex;
			while (cause.getCause() != null && cause.getCause() != cause) {
				cause = cause.getCause();
			}
			InvalidEntityDefinitionException invalid = new InvalidEntityDefinitionException(type,
					(cause != ex) ? ex.getMessage() + ": " + cause.getMessage() : ex.getMessage());
			invalid.initCause(ex);
			throw invalid;
		}
		Map<String, String> systemNames = new HashMap<>();
		Map<String, String> storedNames = new HashMap<>();
		Set<String> stringSets = new HashSet<>();
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
						: (this.jsonMapper != null)
								? this.namingStrategy.translate(this.jsonMapper.serializationConfig(), property.getName())
								: property.getName();
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
		String discriminator = entity.getDiscriminator();
		if (discriminator != null && storedNames.containsValue(discriminator)) {
			throw new InvalidEntityDefinitionException(type, "it stores a property as '" + discriminator + "', the "
					+ "discriminator naming the type of each item of " + entity.getRootType().getName() + "; rename the "
					+ "property, or name another discriminator with @SingleTableEntity(discriminator = \"...\")");
		}
		this.namingStrategy.register(type, systemNames);
		Map<String, String> inItem = new HashMap<>(storedNames);
		// blob properties are stored in S3, never as JSON of the item
		entity.getBlobProperties().forEach((property) -> inItem.remove(property.getName()));
		if (!type.isInterface() && this.jsonMapper != null) {
			// an interface's properties are its accessors, stored by each concrete type (checked on its own); a plain
			// type's are its record components, which the default storage mapper always writes
			requireSerialized(this.jsonMapper, type, inItem);
		}
		Set<String> ignored = new HashSet<>(ItemAttributes.LAYOUT);
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
	private static void requireSerialized(JsonMapper jsonMapper, Class<?> type, Map<String, String> storedNames) {
		Set<String> written = new HashSet<>();
		for (BeanPropertyDefinition definition : jsonMapper._serializationContext()
			.introspectBeanDescription(jsonMapper.constructType(type))
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
	 *
	 * @param entity the persistent entity
	 * @param storedNames the stored name of each property, by property name
	 * @param stringSets the stored names of the properties stored as string sets
	 * @param ignoredAttributes the attributes of the layout a read leaves out of the JSON
	 * @param unmapped the layout of its {@link UnmappedAttributes} property, or {@literal null} when it has none
	 */
	record Shape(SingleTablePersistentEntity<?> entity, Map<String, String> storedNames, Set<String> stringSets,
			Set<String> ignoredAttributes, @Nullable UnmappedLayout unmapped) {

		Shape {
			ignoredAttributes = Set.copyOf(ignoredAttributes);
		}

	}

}
