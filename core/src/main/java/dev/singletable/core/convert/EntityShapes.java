package dev.singletable.core.convert;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.data.mapping.MappingException;

import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.mapping.IndexDefinition;
import dev.singletable.core.mapping.InvalidEntityDefinitionException;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import dev.singletable.core.mapping.UnmappedAttributes;

/**
 * The {@link Shape shapes} of the entity types of a {@link MappingSingleTableConverter}: for each type, the name
 * each property is stored under, its string sets and the layout attributes a read leaves out, computed once and
 * checked when computed, so that a type that cannot be stored fails with an {@link InvalidEntityDefinitionException}
 * naming the property and what to do.
 */
final class EntityShapes {

	private final SingleTableMappingContext mappingContext;

	/** How the storage mapper names and writes properties; for plain types, without it ({@link PlainEntityTypes}). */
	private final StoredNames storedNames;

	private final boolean kotlinModule;

	private final Map<Class<?>, Shape> shapes = new ConcurrentHashMap<>();

	/**
	 * Creates the shapes of a converter.
	 * @param mappingContext the mapping context
	 * @param storedNames how the storage mapper names and writes properties ({@link JacksonStoredNames}), or how the
	 * default storage mapper writes those of {@link PlainEntityTypes plain types}: under their own names
	 * @param kotlinModule whether the storage mapper has Jackson's Kotlin module, without which a Kotlin class is
	 * refused
	 */
	EntityShapes(SingleTableMappingContext mappingContext, StoredNames storedNames, boolean kotlinModule) {
		this.mappingContext = mappingContext;
		this.storedNames = storedNames;
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
				stored = this.storedNames.of(property);
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
		this.storedNames.registerSystemNames(type, systemNames);
		Map<String, String> inItem = new HashMap<>(storedNames);
		// blob properties are stored in S3, never as JSON of the item
		entity.getBlobProperties().forEach((property) -> inItem.remove(property.getName()));
		if (!type.isInterface()) {
			// an interface's properties are its accessors, stored by each concrete type (checked on its own)
			this.storedNames.requireSerialized(type, inItem);
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
	 * What the converter needs to know of an entity type, computed once.
	 *
	 * @param entity the persistent entity
	 * @param storedNames the stored name of each property, by property name
	 * @param stringSets the stored names of the properties stored as string sets
	 * @param ignoredAttributes the attributes of the layout a read leaves out of the JSON
	 * @param unmapped the layout of its {@link UnmappedAttributes} property, or {@literal null} when it has none
	 */
	/**
	 * How the storage mapper names and writes the properties of entity types: the part of a shape that depends on
	 * the mapper, kept out of this class so that describing plain types loads none of Jackson's classes.
	 */
	interface StoredNames {

		/**
		 * Returns the name a property other than a system property is stored under.
		 * @param property the property
		 * @return its stored name
		 */
		String of(SingleTablePersistentProperty property);

		/**
		 * Tells the mapper's naming strategy the stored names of a type's system properties.
		 * @param type the type
		 * @param systemNames the stored name of each system property, by property name
		 */
		void registerSystemNames(Class<?> type, Map<String, String> systemNames);

		/**
		 * Refuses a concrete type whose persistent properties serialization would not write.
		 * @param type the type
		 * @param storedNames the stored name of each property stored in the item, by property name
		 * @throws InvalidEntityDefinitionException naming the first such property
		 */
		void requireSerialized(Class<?> type, Map<String, String> storedNames);

	}

	record Shape(SingleTablePersistentEntity<?> entity, Map<String, String> storedNames, Set<String> stringSets,
			Set<String> ignoredAttributes, @Nullable UnmappedLayout unmapped) {

		Shape {
			ignoredAttributes = Set.copyOf(ignoredAttributes);
		}

	}

}
