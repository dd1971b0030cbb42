package dev.singletable.core.mapping;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.data.core.TypeInformation;
import org.springframework.data.mapping.model.BasicPersistentEntity;
import org.springframework.data.mapping.model.Property;
import org.springframework.data.mapping.model.SimpleTypeHolder;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;
import dev.singletable.internal.format.IndexValues;
import dev.singletable.internal.format.ItemAttributes;

/**
 * {@link SingleTablePersistentEntity} read from {@link SingleTableEntity @SingleTableEntity} and the Spring Data
 * annotations on the properties, with global {@link MappingDefaults} for what the type leaves open.
 *
 * @param <T> the entity type
 */
class BasicSingleTablePersistentEntity<T> extends BasicPersistentEntity<T, SingleTablePersistentProperty>
		implements SingleTablePersistentEntity<T> {

	private static final Log logger = LogFactory.getLog(SingleTablePersistentEntity.class);

	/**
	 * The spread types whose start-up line was logged: once per type and class loader, though Boot's early check of
	 * the definitions maps them before the application's mapping context does.
	 */
	private static final Set<Class<?>> spreadTypesLogged = Collections
		.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

	private static final Set<Class<?>> TIMESTAMP_TYPES = Set.of(Instant.class, OffsetDateTime.class);

	private static final Set<Class<?>> VERSION_TYPES = Set.of(Long.class, long.class, Integer.class, int.class);

	private static final Set<Class<?>> TTL_TYPES = Set.of(Instant.class, OffsetDateTime.class, Duration.class,
			Long.class, long.class, Integer.class, int.class);

	private final SingleTableEntity annotation;

	private final MappingDefaults defaults;

	private @Nullable SingleTablePersistentProperty createdDateProperty;

	private @Nullable SingleTablePersistentProperty lastModifiedDateProperty;

	private @Nullable SingleTablePersistentProperty ttlProperty;

	private @Nullable SingleTablePersistentProperty unmappedAttributesProperty;

	private Map<String, IndexDefinition> indexes = Map.of();

	private final List<SingleTablePersistentProperty> blobProperties = new ArrayList<>();

	private final List<SingleTablePersistentProperty> filterMetadataProperties = new ArrayList<>();

	private final @Nullable TypeHierarchy hierarchy;

	private final SimpleTypeHolder simpleTypeHolder;

	BasicSingleTablePersistentEntity(TypeInformation<T> information, MappingDefaults defaults,
			SimpleTypeHolder simpleTypeHolder) {
		this(information, TypeHierarchy.of(information.getType()), defaults, simpleTypeHolder);
	}

	private BasicSingleTablePersistentEntity(TypeInformation<T> information, @Nullable TypeHierarchy hierarchy,
			MappingDefaults defaults, SimpleTypeHolder simpleTypeHolder) {
		// an interface stored as a hierarchy resolves its accessors' properties on its concrete types
		super((hierarchy != null && information.getType().isInterface())
				? new AccessorTypeInformation<>(information, hierarchy) : information);
		this.hierarchy = hierarchy;
		SingleTableEntity found = (this.hierarchy != null)
				? this.hierarchy.root().getDeclaredAnnotation(SingleTableEntity.class)
				: information.getType().getAnnotation(SingleTableEntity.class);
		if (found == null) {
			throw new InvalidEntityDefinitionException(information.getType(),
					"it is not annotated with @SingleTableEntity; add the annotation to store it in the single table");
		}
		this.annotation = found;
		this.defaults = defaults;
		this.simpleTypeHolder = simpleTypeHolder;
	}

	@Override
	public void addPersistentProperty(SingleTablePersistentProperty property) {
		super.addPersistentProperty(property);
		if (property.isCreatedDateProperty()) {
			this.createdDateProperty = unique(this.createdDateProperty, property, "@CreatedDate");
		}
		if (property.isLastModifiedDateProperty()) {
			this.lastModifiedDateProperty = unique(this.lastModifiedDateProperty, property, "@LastModifiedDate");
		}
		if (property.isUnmappedAttributesProperty()) {
			this.unmappedAttributesProperty = unique(this.unmappedAttributesProperty, property, "@UnmappedAttributes");
		}
		if (property.isBlobProperty()) {
			this.blobProperties.add(property);
		}
		if (property.isFilterMetadataProperty()) {
			this.filterMetadataProperties.add(property);
		}
	}

	private SingleTablePersistentProperty unique(@Nullable SingleTablePersistentProperty existing,
			SingleTablePersistentProperty candidate, String annotationName) {
		if (existing != null) {
			throw new InvalidEntityDefinitionException(getType(), "both '" + existing.getName() + "' and '"
					+ candidate.getName() + "' are annotated with " + annotationName + "; keep one");
		}
		return candidate;
	}

	@Override
	public void verify() {
		if (this.hierarchy != null && getType().isInterface()) {
			addAccessorProperties(this.hierarchy);
		}
		super.verify();
		SingleTablePersistentProperty id = getIdProperty();
		if (id == null && this.hierarchy != null && getType() == this.hierarchy.root()) {
			throw new InvalidEntityDefinitionException(getType(), "it stores a hierarchy but has no @Id property; "
					+ (getType().isInterface()
							? "declare the accessor of its subtypes' @Id, such as String id(), on it (in Kotlin, "
									+ "val id: String)"
							: "declare the @Id field on it"));
		}
		if (id == null) {
			throw new InvalidEntityDefinitionException(getType(),
					"it has no @Id property; add a String property annotated with @org.springframework.data.annotation.Id");
		}
		if (id.getType() != String.class) {
			throw new InvalidEntityDefinitionException(getType(),
					"its @Id property '" + id.getName() + "' is a " + id.getType().getSimpleName() + "; it must be a String");
		}
		SingleTablePersistentProperty version = getVersionProperty();
		if (isVersioned() && version == null && getType().isInterface() && this.hierarchy != null) {
			throw new InvalidEntityDefinitionException(getType(), "it is versioned but has no @Version property; "
					+ "declare the accessor of its subtypes' @Version, such as Long version(), on it (in Kotlin, "
					+ "val version: Long?)");
		}
		if (isVersioned() && version == null) {
			throw new InvalidEntityDefinitionException(getType(), "it is versioned but has no @Version property; "
					+ "add a Long property annotated with @org.springframework.data.annotation.Version");
		}
		if (version != null && !VERSION_TYPES.contains(version.getType())) {
			throw new InvalidEntityDefinitionException(getType(), "its @Version property '" + version.getName()
					+ "' is a " + version.getType().getSimpleName() + "; it must be a Long, long, Integer or int");
		}
		checkTimestamp(this.createdDateProperty, "@CreatedDate");
		checkTimestamp(this.lastModifiedDateProperty, "@LastModifiedDate");
		if (!StringUtils.hasText(getPrefix()) || getPrefix().contains("\n")) {
			throw new InvalidEntityDefinitionException(getType(), "its prefix must not be empty");
		}
		if (this.annotation.maxVersions() < -1) {
			throw new InvalidEntityDefinitionException(getType(),
					"maxVersions is " + this.annotation.maxVersions() + "; use -1 (global default), 0 (keep all) or a positive number");
		}
		int level = this.annotation.compressionLevel();
		if (level != -1 && (level < 1 || level > 9)) {
			throw new InvalidEntityDefinitionException(getType(), "compressionLevel is " + level
					+ "; use -1 (global default) or a gzip level from 1 (fastest) to 9 (smallest)");
		}
		if (level != -1 && this.annotation.compression() == SingleTableEntity.Compression.DISABLED) {
			throw new InvalidEntityDefinitionException(getType(), "compressionLevel is set but compression is "
					+ "DISABLED; remove one of them");
		}
		if (!isVersioned() && this.annotation.maxVersions() > 0) {
			throw new InvalidEntityDefinitionException(getType(),
					"maxVersions is set but the type is not versioned; set versioned = true or remove maxVersions");
		}
		String ttl = this.annotation.ttlProperty();
		if (StringUtils.hasText(ttl)) {
			SingleTablePersistentProperty property = getPersistentProperty(ttl);
			if (property == null) {
				throw new InvalidEntityDefinitionException(getType(), "its ttlProperty '" + ttl + "' is not a property of the type");
			}
			if (!TTL_TYPES.contains(property.getType())) {
				throw new InvalidEntityDefinitionException(getType(), "its ttlProperty '" + ttl + "' is a "
						+ property.getType().getSimpleName() + "; use Instant, OffsetDateTime, Duration or a number of seconds");
			}
			if (!StringUtils.hasText(this.annotation.ttlAttribute())) {
				throw new InvalidEntityDefinitionException(getType(), "its ttlAttribute is empty; name the attribute "
						+ "DynamoDB's TTL reads, for example @SingleTableEntity(ttlAttribute = \"ttl\")");
			}
			this.ttlProperty = property;
		}
		checkUnmappedAttributes(this.unmappedAttributesProperty);
		this.indexes = readIndexDefinitions();
		if (this.ttlProperty != null) {
			checkTtlAttribute(this.annotation.ttlAttribute());
		}
		for (SingleTablePersistentProperty property : this.blobProperties) {
			checkBlobProperty(property);
		}
		for (SingleTablePersistentProperty property : this.filterMetadataProperties) {
			checkFilterMetadataProperty(property);
		}
		checkTypeIndexShards();
	}

	/**
	 * Checks a spread type index ({@link SingleTableEntity#typeIndexShards()}) and says, once per stored type, what
	 * it changes for the Python library.
	 */
	private void checkTypeIndexShards() {
		int shards = this.annotation.typeIndexShards();
		if (shards < 1 || shards > SingleTableEntity.MAX_TYPE_INDEX_SHARDS) {
			throw new InvalidEntityDefinitionException(getType(), "typeIndexShards is " + shards + "; use 1 (the "
					+ "type's one key of the type index) up to " + SingleTableEntity.MAX_TYPE_INDEX_SHARDS
					+ " (a listing reads the type's own key and one per shard)");
		}
		if (shards == 1) {
			return;
		}
		if (isSingleton()) {
			throw new InvalidEntityDefinitionException(getType(), "it is a singleton with typeIndexShards = " + shards
					+ "; a type with one resource writes one key of the type index, remove typeIndexShards");
		}
		IndexDefinition typeIndex = this.indexes.get(ItemAttributes.TYPE_INDEX);
		if (typeIndex != null && (typeIndex.method() != null || typeIndex.partition() == null
				|| typeIndex.partition().hasProperties() || !getPrefix().equals(typeIndex.partition().getPrefix()))) {
			throw new InvalidEntityDefinitionException(getType(), "it declares its own gsitype partition and "
					+ "typeIndexShards = " + shards + "; spreading splits the type's own key (its prefix) over shards, "
					+ "so remove one of them");
		}
		if (getType() == getRootType() && logger.isInfoEnabled() && spreadTypesLogged.add(getType())) {
			logger.info(getType().getName() + " spreads its type index over " + shards + " shards (gsitype = "
					+ getPrefix() + "#0.." + getPrefix() + "#" + (shards - 1) + "): the Python library's "
					+ "list_type_by_updated_at(" + getPrefix() + ") reads gsitype = " + getPrefix()
					+ " only, so it no longer sees the items this application writes; singletable's listings read "
					+ "the type's own key and every shard's (see docs/reference/python.md)");
		}
	}

	@Override
	public int getTypeIndexShards() {
		return this.annotation.typeIndexShards();
	}

	/**
	 * Adds to an interface stored as a hierarchy the properties it reads through its accessors: each method without
	 * parameters that every concrete type implements for a property of that name (a record's component accessor),
	 * known by the annotations of the first concrete type's property. Getters ({@code String getId()}, as Kotlin's
	 * {@code val id: String} compiles) are properties Spring Data finds itself: {@link #accessorField(Property)} makes
	 * them accessor properties too.
	 */
	private void addAccessorProperties(TypeHierarchy hierarchy) {
		for (Method method : getType().getMethods()) {
			if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
					|| method.getReturnType() == void.class || method.getDeclaringClass() == Object.class
					|| getPersistentProperty(method.getName()) != null) {
				continue;
			}
			java.lang.reflect.Field declared = declaredByEverySubtype(hierarchy, method.getName());
			if (declared == null) {
				continue;
			}
			try {
				java.beans.PropertyDescriptor descriptor = new java.beans.PropertyDescriptor(method.getName(), method, null);
				addPersistentProperty(new AccessorProperty(Property.of(getTypeInformation(), descriptor), this,
						this.simpleTypeHolder, declared));
			}
			catch (java.beans.IntrospectionException ex) {
				throw new InvalidEntityDefinitionException(getType(), "its accessor '" + method.getName()
						+ "' cannot be read as a property: " + ex.getMessage());
			}
		}
	}

	/**
	 * Returns, for a property of an interface stored as a hierarchy that it reads through a getter (Kotlin's
	 * {@code val id: String} is {@code getId()}), the field of that name every concrete type declares, whose
	 * annotations ({@code @Id}, {@code @Version}…) the property then has as an {@link AccessorProperty}; {@literal null}
	 * for any other property.
	 * @param property a property the mapping context found on this entity's type
	 */
	java.lang.reflect.@Nullable Field accessorField(Property property) {
		if (this.hierarchy == null || !getType().isInterface() || property.isFieldBacked()
				|| property.getGetter().isEmpty()) {
			return null;
		}
		return declaredByEverySubtype(this.hierarchy, property.getName());
	}

	/** The field of a name every concrete type of a hierarchy declares (the first type's), else {@literal null}. */
	private static java.lang.reflect.@Nullable Field declaredByEverySubtype(TypeHierarchy hierarchy, String name) {
		java.lang.reflect.Field declared = null;
		for (Class<?> subtype : hierarchy.subtypes().values()) {
			java.lang.reflect.Field field = ReflectionUtils.findField(subtype, name);
			if (field == null || Modifier.isStatic(field.getModifiers())) {
				return null;
			}
			declared = (declared != null) ? declared : field;
		}
		return declared;
	}

	/**
	 * Refuses {@link FilterMetadata @FilterMetadata} on a type that never writes {@code metadata} (the Python
	 * library writes it on the latest item of versioned types only) and on a property that is not a value of the
	 * entity's own.
	 */
	private void checkFilterMetadataProperty(SingleTablePersistentProperty property) {
		String problem = null;
		if (!isVersioned()) {
			problem = "is on a type that is not versioned; metadata is written on the latest item (v0) of versioned "
					+ "types only, as in the Python library: set versioned = true, or filter on the property itself "
					+ "(uncompressed types) or an index key";
		}
		else if (property.isUnmappedAttributesProperty()) {
			problem = "is also the @UnmappedAttributes property";
		}
		else if (property.isBlobProperty()) {
			problem = "is a @BlobField, whose value is not in the item";
		}
		if (problem != null) {
			throw new InvalidEntityDefinitionException(getType(), "its @FilterMetadata property '" + property.getName()
					+ "' " + problem);
		}
	}

	/**
	 * Refuses a {@link BlobField @BlobField} property that the item itself needs (a system property, the TTL, an
	 * index key part), one that cannot be left {@literal null} until it is loaded, and a negative size limit.
	 */
	private void checkBlobProperty(SingleTablePersistentProperty property) {
		String problem = null;
		if (property.isIdProperty() || property.isVersionProperty() || property.isCreatedDateProperty()
				|| property.isLastModifiedDateProperty() || property.isUnmappedAttributesProperty()) {
			problem = "is also a system property; a blob must be a property of its own";
		}
		else if (property == this.ttlProperty) {
			problem = "is the TTL property, which every item must carry";
		}
		else if (property.getType().isPrimitive()) {
			problem = "is a primitive " + property.getType() + ", which cannot stay null until the blob is loaded; "
					+ "use its wrapper type";
		}
		else if (isIndexKeyPart(property.getName())) {
			problem = "is part of an index key, which must be written on the item";
		}
		else if (property.getRequiredAnnotation(BlobField.class).maxSizeBytes() < -1) {
			problem = "has maxSizeBytes " + property.getRequiredAnnotation(BlobField.class).maxSizeBytes()
					+ "; use -1 (no limit) or a number of bytes";
		}
		if (problem != null) {
			throw new InvalidEntityDefinitionException(getType(), "its @BlobField property '" + property.getName()
					+ "' " + problem);
		}
	}

	private boolean isIndexKeyPart(String name) {
		for (IndexDefinition index : this.indexes.values()) {
			for (KeyTemplate template : new KeyTemplate[] { index.partition(), index.sort() }) {
				if (template != null && template.getProperties().contains(name)) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Refuses a TTL attribute that the item layout or one of the type's indexes writes already: one value would
	 * overwrite the other.
	 */
	private void checkTtlAttribute(String ttl) {
		Set<String> taken = new java.util.HashSet<>(ItemAttributes.LAYOUT);
		taken.addAll(List.of(ItemAttributes.VERSION, ItemAttributes.DATA, ItemAttributes.RESOURCE_ID,
				ItemAttributes.CREATED_AT, ItemAttributes.UPDATED_AT, ItemAttributes.METADATA));
		for (IndexDefinition index : this.indexes.values()) {
			taken.add(index.partitionAttribute());
			if (index.sortAttribute() != null) {
				taken.add(index.sortAttribute());
			}
		}
		if (taken.contains(ttl)) {
			throw new InvalidEntityDefinitionException(getType(), "its ttlAttribute '" + ttl + "' is an attribute the "
					+ "item layout or an index of the type already writes; set @SingleTableEntity(ttlAttribute = \"...\") "
					+ "to a name of its own");
		}
	}

	private Map<String, IndexDefinition> readIndexDefinitions() {
		Map<String, IndexDefinition> definitions = new LinkedHashMap<>();
		for (IndexKey key : TypeAnnotations.indexKeys(getType())) {
			addIndex(definitions, templateDefinition(key));
		}
		for (Method method : ComputedIndexKeyMethods.of(getType())) {
			addIndex(definitions, computedDefinition(method, method.getAnnotation(ComputedIndexKey.class)));
		}
		return java.util.Collections.unmodifiableMap(definitions);
	}

	/**
	 * The {@link ComputedIndexKey @ComputedIndexKey} methods of a type, its superclasses and (for an interface) its
	 * superinterfaces, as {@link ReflectionUtils#doWithMethods} visits them. {@link Object}'s methods are passed over
	 * without reading their annotations: they have none of ours, and reading them would load the JDK's
	 * ({@code @IntrinsicCandidate}) and make a proxy class for it. A class rather than two lambdas, whose capture
	 * would spin a class each at start.
	 */
	private static final class ComputedIndexKeyMethods implements ReflectionUtils.MethodCallback,
			ReflectionUtils.MethodFilter {

		private final List<Method> methods = new ArrayList<>();

		static List<Method> of(Class<?> type) {
			ComputedIndexKeyMethods found = new ComputedIndexKeyMethods();
			ReflectionUtils.doWithMethods(type, found, found);
			return found.methods;
		}

		@Override
		public boolean matches(Method method) {
			return method.getDeclaringClass() != Object.class && method.isAnnotationPresent(ComputedIndexKey.class);
		}

		@Override
		public void doWith(Method method) {
			this.methods.add(method);
		}

	}

	private void addIndex(Map<String, IndexDefinition> definitions, IndexDefinition definition) {
		if (definitions.put(definition.index(), definition) != null) {
			throw new InvalidEntityDefinitionException(getType(),
					"it declares index '" + definition.index() + "' twice; keep one declaration per index");
		}
		for (String attribute : new String[] { definition.partitionAttribute(),
				definition.sortWritten() ? definition.sortAttribute() : null }) {
			if (attribute != null && !definition.isTypeIndex() && (attribute.equals(ItemAttributes.PK)
					|| attribute.equals(ItemAttributes.SK) || attribute.startsWith(ItemAttributes.GSI_TYPE))) {
				throw new InvalidEntityDefinitionException(getType(), "index '" + definition.index()
						+ "' would write the key attribute '" + attribute + "'; choose another attribute");
			}
		}
	}

	private IndexDefinition templateDefinition(IndexKey key) {
		String index = key.index();
		boolean typeIndex = ItemAttributes.TYPE_INDEX.equals(index);
		if (!StringUtils.hasText(index)) {
			throw new InvalidEntityDefinitionException(getType(), "an @IndexKey has no index name");
		}
		if (!typeIndex && !StringUtils.hasText(key.partition())) {
			throw new InvalidEntityDefinitionException(getType(),
					"@IndexKey(index = \"" + index + "\") has no partition template; add partition = \"...{property}\"");
		}
		KeyTemplate partition = template(index, StringUtils.hasText(key.partition()) ? key.partition() : getPrefix(),
				KeyTemplate.Role.PARTITION);
		KeyTemplate sort = StringUtils.hasText(key.sort()) ? template(index, key.sort(), KeyTemplate.Role.SORT) : null;
		String partitionAttribute = StringUtils.hasText(key.partitionAttribute()) ? key.partitionAttribute()
				: IndexDefinition.conventionalPartitionAttribute(index);
		String sortAttribute = sortAttribute(index, key.sortAttribute(), sort != null);
		boolean sortWritten = sortAttribute != null && !ItemAttributes.PK.equals(sortAttribute);
		if (sortWritten && sort == null && !typeIndex) {
			throw new InvalidEntityDefinitionException(getType(), "index '" + index + "' sorts on '" + sortAttribute
					+ "' but @IndexKey has no sort template; add sort = \"{property}\"");
		}
		if (!sortWritten && sort != null) {
			throw new InvalidEntityDefinitionException(getType(), "index '" + index + "' sorts on the table's pk, so "
					+ "its sort template '" + sort + "' cannot be written; use gsi3 or an index with its own sort key");
		}
		return new IndexDefinition(index, partitionAttribute, sortAttribute, sortWritten, partition, sort, null,
				key.allowMissingSort());
	}

	private IndexDefinition computedDefinition(Method method, ComputedIndexKey key) {
		String index = key.index();
		if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
				|| (method.getReturnType() != String.class && method.getReturnType() != IndexKeyPair.class)) {
			throw new InvalidEntityDefinitionException(getType(), "@ComputedIndexKey method '" + method.getName()
					+ "' must be an instance method without parameters returning String or IndexKeyPair");
		}
		boolean pair = method.getReturnType() == IndexKeyPair.class;
		String partitionAttribute = StringUtils.hasText(key.partitionAttribute()) ? key.partitionAttribute()
				: IndexDefinition.conventionalPartitionAttribute(index);
		String sortAttribute = sortAttribute(index, key.sortAttribute(), pair);
		boolean sortWritten = sortAttribute != null && !ItemAttributes.PK.equals(sortAttribute);
		if (sortWritten != pair && !ItemAttributes.TYPE_INDEX.equals(index)) {
			throw new InvalidEntityDefinitionException(getType(), "@ComputedIndexKey method '" + method.getName()
					+ "' for index '" + index + "' must return " + (sortWritten ? "an IndexKeyPair, since the index sorts on '"
							+ sortAttribute + "'" : "a String, since the index sorts on the table's pk"));
		}
		ReflectionUtils.makeAccessible(method);
		return new IndexDefinition(index, partitionAttribute, sortAttribute, sortWritten, null, null, method);
	}

	private static @Nullable String sortAttribute(String index, String declared, boolean sortGiven) {
		if (StringUtils.hasText(declared)) {
			return declared;
		}
		String conventional = IndexDefinition.conventionalSortAttribute(index);
		if (ItemAttributes.PK.equals(conventional) || ItemAttributes.TYPE_INDEX.equals(index)
				|| "gsi3".equals(index)) {
			return conventional;
		}
		return sortGiven ? conventional : null;
	}

	private KeyTemplate template(String index, String source, KeyTemplate.Role role) {
		KeyTemplate template;
		try {
			template = KeyTemplate.parse(source, role);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEntityDefinitionException(getType(), "index '" + index + "': " + ex.getMessage());
		}
		for (int i = 0; i < template.getProperties().size(); i++) {
			String name = template.getProperties().get(i);
			SingleTablePersistentProperty property = getPersistentProperty(name);
			if (property == null) {
				throw new InvalidEntityDefinitionException(getType(), "index '" + index + "' template '" + source
						+ "' names '" + name + "', which is not a property of the type");
			}
			if (!IndexValues.isSupported(property.getType())) {
				throw new InvalidEntityDefinitionException(getType(), "index '" + index + "' template '" + source
						+ "' uses '" + name + "' of type " + property.getType().getSimpleName()
						+ ", which has no order-preserving key form; use a String, integer, enum, date or timestamp, "
						+ "or a @ComputedIndexKey method");
			}
			if (template.hasNumberForm(i) && !IndexValues.isInteger(property.getType())) {
				throw new InvalidEntityDefinitionException(getType(), "index '" + index + "' template '" + source
						+ "' gives '" + name + "' a number form, but it is a " + property.getType().getSimpleName()
						+ "; number forms (':d', ':05d') are for integer properties");
			}
		}
		return template;
	}

	private void checkUnmappedAttributes(@Nullable SingleTablePersistentProperty property) {
		if (property == null) {
			return;
		}
		TypeInformation<?> type = property.getTypeInformation();
		TypeInformation<?> key = type.getComponentType();
		TypeInformation<?> value = type.getMapValueType();
		if (!type.isMap() || !type.getType().isAssignableFrom(LinkedHashMap.class)
				|| (key != null && key.getType() != String.class) || (value != null && value.getType() != Object.class)) {
			throw new InvalidEntityDefinitionException(getType(), "its @UnmappedAttributes property '" + property.getName()
					+ "' is a " + type + "; declare it as Map<String, Object>");
		}
		if (property.isIdProperty() || property.isVersionProperty() || property.isCreatedDateProperty()
				|| property.isLastModifiedDateProperty()) {
			throw new InvalidEntityDefinitionException(getType(), "its @UnmappedAttributes property '" + property.getName()
					+ "' is also a system property; use a property of its own");
		}
	}

	private void checkTimestamp(@Nullable SingleTablePersistentProperty property, String annotationName) {
		if (property != null && !TIMESTAMP_TYPES.contains(property.getType())) {
			throw new InvalidEntityDefinitionException(getType(), "its " + annotationName + " property '"
					+ property.getName() + "' is a " + property.getType().getSimpleName() + "; use Instant or OffsetDateTime");
		}
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * {@link Audited @Audited} is found as Spring's merged lookup finds it, without mapping the type's other
	 * annotations and their meta-annotations when none of them can carry it ({@link TypeAnnotations}).
	 */
	@Override
	public <A extends Annotation> @Nullable A findAnnotation(Class<A> annotationType) {
		return (annotationType == Audited.class) ? annotationType.cast(TypeAnnotations.audited(getType()))
				: super.findAnnotation(annotationType);
	}

	@Override
	public String getPrefix() {
		return StringUtils.hasText(this.annotation.prefix()) ? this.annotation.prefix() : getRootType().getSimpleName();
	}

	@Override
	public boolean isSkipUnknownSubtypes() {
		return this.hierarchy != null && this.annotation.unknownSubtypes() == SingleTableEntity.UnknownSubtypes.SKIP;
	}

	@Override
	public Class<?> getRootType() {
		return (this.hierarchy != null) ? this.hierarchy.root() : getType();
	}

	@Override
	public @Nullable String getDiscriminator() {
		return (this.hierarchy != null) ? this.hierarchy.discriminator() : null;
	}

	@Override
	public Map<String, Class<?>> getSubtypes() {
		return (this.hierarchy != null) ? this.hierarchy.subtypesOf(getType()) : Map.of();
	}

	@Override
	public boolean isVersioned() {
		return this.annotation.versioned();
	}

	@Override
	public boolean isCompressed() {
		return switch (this.annotation.compression()) {
			case ENABLED -> true;
			case DISABLED -> false;
			case DEFAULT -> (this.defaults.compression() != null) ? this.defaults.compression() : isVersioned();
		};
	}

	@Override
	public int getCompressionLevel() {
		if (this.annotation.compressionLevel() != -1) {
			return this.annotation.compressionLevel();
		}
		Integer global = this.defaults.compressionLevel();
		return (global != null) ? global : MappingDefaults.DEFAULT_COMPRESSION_LEVEL;
	}

	@Override
	public int getMaxVersions() {
		if (!isVersioned()) {
			return 0;
		}
		if (this.annotation.maxVersions() >= 0) {
			return this.annotation.maxVersions();
		}
		Integer global = this.defaults.maxVersions();
		return (global != null && global > 0) ? global : 0;
	}

	@Override
	public boolean isOmitNulls() {
		return this.annotation.omitNulls();
	}

	@Override
	public @Nullable SingleTablePersistentProperty getTtlProperty() {
		return this.ttlProperty;
	}

	@Override
	public boolean isHideExpired() {
		return this.annotation.hideExpired() && this.ttlProperty != null;
	}

	@Override
	public String getTtlAttribute() {
		return this.annotation.ttlAttribute();
	}

	@Override
	public @Nullable SingleTablePersistentProperty getCreatedDateProperty() {
		return this.createdDateProperty;
	}

	@Override
	public @Nullable SingleTablePersistentProperty getLastModifiedDateProperty() {
		return this.lastModifiedDateProperty;
	}

	@Override
	public @Nullable SingleTablePersistentProperty getUnmappedAttributesProperty() {
		return this.unmappedAttributesProperty;
	}

	@Override
	public List<SingleTablePersistentProperty> getBlobProperties() {
		return List.copyOf(this.blobProperties);
	}

	@Override
	public List<SingleTablePersistentProperty> getFilterMetadataProperties() {
		return List.copyOf(this.filterMetadataProperties);
	}

	@Override
	public boolean isSingleton() {
		return this.annotation.singleton();
	}

	@Override
	public List<IndexDefinition> getIndexDefinitions() {
		return List.copyOf(this.indexes.values());
	}

	@Override
	public @Nullable IndexDefinition getIndexDefinition(String index) {
		return this.indexes.get(index);
	}

}
