package dev.singletable.console;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.data.mapping.PersistentPropertyAccessor;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.VersionSummary;
import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.audit.FieldChange;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.mapping.BlobField;
import dev.singletable.core.mapping.IndexDefinition;
import dev.singletable.core.mapping.KeyTemplate;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import dev.singletable.core.query.Filter;
import dev.singletable.core.query.ItemCollection;
import dev.singletable.core.query.QueryPage;
import dev.singletable.core.query.SingleTableQuery;
import dev.singletable.core.spi.StoredItems;
import dev.singletable.evolution.MigrationInfo;
import dev.singletable.evolution.SingleTableDefinitions;
import dev.singletable.evolution.SingleTableMigrations;
import dev.singletable.evolution.TypeDrift;

/**
 * What the pages show, read through the application's template (so compressed, blob-backed, hierarchy and
 * Python-written items read as the application reads them), as values the renderer turns into HTML. Only the raw
 * items of a resource and the table's description are read with the template's client directly.
 */
final class ConsoleModel {

	/** DynamoDB's limit on the size of one item. */
	static final long ITEM_LIMIT = 400 * 1024;

	private static final int COLUMNS = 6;

	private static final int RAW_ITEMS = 100;

	private final SingleTableTemplate template;

	private final SingleTableConverter converter;

	private final JsonMapper jsonMapper;

	private final Masking masking;

	private final int pageSize;

	private final boolean countsTracked;

	private final ObjectProvider<SingleTableDefinitions> definitions;

	private final ObjectProvider<SingleTableMigrations> migrations;

	private final ConversionService conversions = DefaultConversionService.getSharedInstance();

	ConsoleModel(SingleTableTemplate template, Masking masking, int pageSize, boolean countsTracked,
			ObjectProvider<SingleTableDefinitions> definitions, ObjectProvider<SingleTableMigrations> migrations) {
		this.countsTracked = countsTracked;
		this.template = template;
		this.converter = template.getConverter();
		this.jsonMapper = this.converter.getJsonMapper();
		this.masking = masking;
		this.pageSize = pageSize;
		this.definitions = definitions;
		this.migrations = migrations;
	}

	String tableName() {
		return this.template.getTableName();
	}

	// --- types

	/**
	 * An entity type as the console lists it: a root (a plain type or a hierarchy's root) with its concrete types.
	 * @param name the name in links: the prefix
	 * @param entity the root's entity
	 * @param subtypes the concrete types of a hierarchy, empty otherwise
	 */
	record TypeRef(String name, SingleTablePersistentEntity<?> entity, List<SingleTablePersistentEntity<?>> subtypes) {

		Class<?> type() {
			return this.entity.getType();
		}

	}

	/** Every entity type of the mapping context, one per prefix, by name. */
	List<TypeRef> types() {
		SingleTableMappingContext context = this.converter.getMappingContext();
		Map<String, List<SingleTablePersistentEntity<?>>> byPrefix = new TreeMap<>();
		for (SingleTablePersistentEntity<?> entity : context.getPersistentEntities()) {
			if (SingleTableMappingContext.isEntityType(entity.getType())) {
				byPrefix.computeIfAbsent(entity.getPrefix(), (prefix) -> new ArrayList<>()).add(entity);
			}
		}
		List<TypeRef> types = new ArrayList<>();
		byPrefix.forEach((prefix, entities) -> {
			SingleTablePersistentEntity<?> root = entities.stream()
				.filter((entity) -> entity.getType() == entity.getRootType())
				.findFirst()
				.orElse(entities.get(0));
			List<SingleTablePersistentEntity<?>> subtypes = entities.stream()
				.filter((entity) -> entity != root)
				.sorted(Comparator.comparing((entity) -> entity.getType().getSimpleName()))
				.toList();
			types.add(new TypeRef(prefix, root, subtypes));
		});
		return types;
	}

	/**
	 * Finds a type by its prefix or simple class name.
	 * @param name the name from the link
	 * @return the type
	 * @throws ConsoleException 404 naming the type and the known ones
	 */
	TypeRef type(String name) {
		List<TypeRef> types = types();
		for (TypeRef type : types) {
			if (type.name().equals(name) || type.type().getSimpleName().equals(name)) {
				return type;
			}
		}
		throw ConsoleException.notFound("No entity type '" + name + "' in table '" + this.template.getTableName()
				+ "'. Known types: " + String.join(", ", types.stream().map(TypeRef::name).toList()) + ".");
	}

	// --- the table

	record IndexView(String index, String partitionAttribute, @Nullable String sortAttribute, String partition,
			@Nullable String sort) {
	}

	record TypeSummary(TypeRef type, @Nullable Long count, List<IndexView> indexes, List<String> blobs,
			List<TypeDrift> drifts) {
	}

	record TableView(String tableName, @Nullable TableDescription description, @Nullable TimeToLiveDescription ttl,
			List<TypeSummary> types, @Nullable Boolean drift, List<MigrationInfo> migrations, @Nullable String problem) {
	}

	TableView table() {
		TableDescription description = null;
		TimeToLiveDescription ttl = null;
		String problem = null;
		try {
			description = this.template.getClient()
				.describeTable((request) -> request.tableName(this.template.getTableName()))
				.table();
			ttl = this.template.getClient()
				.describeTimeToLive((request) -> request.tableName(this.template.getTableName()))
				.timeToLiveDescription();
		}
		catch (RuntimeException ex) {
			problem = "The table could not be described: " + ex.getMessage();
		}
		Map<String, Long> counts = null;
		if (this.countsTracked) {
			try {
				counts = this.template.countsByType();
			}
			catch (RuntimeException ex) {
				problem = "The counts of the types could not be read: " + ex.getMessage();
			}
		}
		SingleTableDefinitions definitions = this.definitions.getIfAvailable();
		Boolean drift = null;
		List<TypeSummary> types = new ArrayList<>();
		for (TypeRef type : types()) {
			List<TypeDrift> drifts = List.of();
			if (definitions != null) {
				drifts = definitions.getReport().driftsOf(type.type());
			}
			// tracked counts start at the first write: a type never written has none yet, which is 0
			Long count = (counts != null) ? counts.getOrDefault(type.name(), 0L) : null;
			types.add(new TypeSummary(type, count, indexes(type.entity()),
					type.entity().getBlobProperties().stream().map(SingleTablePersistentProperty::getName).toList(),
					drifts));
		}
		if (definitions != null) {
			drift = definitions.getReport().hasDrift();
		}
		SingleTableMigrations migrations = this.migrations.getIfAvailable();
		List<MigrationInfo> infos = List.of();
		if (migrations != null) {
			try {
				infos = migrations.info();
			}
			catch (RuntimeException ex) {
				problem = "The migrations could not be read: " + ex.getMessage();
			}
		}
		return new TableView(this.template.getTableName(), description, ttl, types, drift, infos, problem);
	}

	static List<IndexView> indexes(SingleTablePersistentEntity<?> entity) {
		List<IndexView> indexes = new ArrayList<>();
		for (IndexDefinition index : entity.getIndexDefinitions()) {
			String partition = (index.partition() != null) ? index.partition().toString()
					: (index.method() != null) ? "computed by " + index.method().getName() + "()" : "";
			String sort = (index.sort() != null) ? index.sort().toString() : null;
			indexes.add(new IndexView(index.index(), index.partitionAttribute(), index.sortAttribute(), partition, sort));
		}
		return indexes;
	}

	static String describeKeys(List<KeySchemaElement> keys) {
		return String.join(", ", keys.stream().map((key) -> key.attributeName() + " (" + key.keyTypeAsString() + ")").toList());
	}

	static List<String> tableIndexes(TableDescription description) {
		List<String> names = new ArrayList<>();
		for (GlobalSecondaryIndexDescription index : description.globalSecondaryIndexes()) {
			names.add(index.indexName() + ": " + describeKeys(index.keySchema()));
		}
		return names;
	}

	// --- a type

	/**
	 * The query a type page runs, from its form.
	 * @param index the index of an index query, or {@literal null} for the type index
	 * @param keyValues the values of the partition template's properties, or the whole key under {@code ""}
	 * @param sortOperator the sort condition ({@code eq}, {@code begins}, {@code lt}, {@code le}, {@code gt},
	 * {@code ge}, {@code between}), or {@literal null}
	 * @param sortValue the sort value
	 * @param sortValue2 the upper bound of {@code between}
	 * @param filterProperty the property a filter compares, or {@literal null}
	 * @param filterOperator the filter's comparison ({@code eq}, {@code ne}, {@code contains}, {@code begins},
	 * {@code lt}, {@code gt}, {@code exists})
	 * @param filterValue the value compared with
	 * @param cursor the cursor of the page, or {@literal null} for the first
	 */
	record TypeQuery(@Nullable String index, Map<String, String> keyValues, @Nullable String sortOperator,
			@Nullable String sortValue, @Nullable String sortValue2, @Nullable String filterProperty,
			@Nullable String filterOperator, @Nullable String filterValue, @Nullable String cursor) {

		boolean filtered() {
			return this.filterProperty != null;
		}

	}

	record Row(String id, String typeName, List<String> values) {
	}

	record TypePage(TypeRef type, TypeQuery query, List<String> columns, List<Row> rows, @Nullable String nextCursor,
			int requests, List<IndexDefinition> queryableIndexes, List<String> filterProperties) {
	}

	TypePage typePage(TypeRef type, TypeQuery query) {
		SingleTablePersistentEntity<?> entity = type.entity();
		SingleTableQuery<?> read = this.template.query(entity.getType()).limit(this.pageSize);
		if (query.index() != null) {
			IndexDefinition index = entity.getIndexDefinition(query.index());
			if (index == null) {
				throw ConsoleException.badRequest("Type " + type.name() + " declares no index '" + query.index()
						+ "'; its indexes: " + String.join(", ",
								entity.getIndexDefinitions().stream().map(IndexDefinition::index).toList()));
			}
			read = read.index(index.index()).partition(partitionKey(type, index, query.keyValues()));
			read = sortCondition(read, query).descending();
		}
		else {
			read = read.descending();
		}
		if (query.filtered()) {
			read = read.where(filter(entity, query));
		}
		QueryPage<?> page = read.page(query.cursor());
		List<String> columns = columns(entity);
		List<Row> rows = new ArrayList<>();
		for (Object item : page.items()) {
			SingleTablePersistentEntity<?> itemEntity = this.converter.getRequiredEntity(item.getClass());
			JsonNode json = this.masking.mask(itemEntity, this.jsonMapper.valueToTree(item));
			List<String> values = new ArrayList<>();
			for (String column : columns) {
				values.add(shortText(json.get(column)));
			}
			rows.add(new Row(id(itemEntity, item), item.getClass().getSimpleName(), values));
		}
		List<IndexDefinition> queryable = entity.getIndexDefinitions().stream().filter((index) -> !index.isTypeIndex()).toList();
		List<String> filterProperties = new ArrayList<>();
		for (SingleTablePersistentProperty property : entity) {
			if (!property.isBlobProperty() && !property.isUnmappedAttributesProperty()
					&& !this.masking.isMasked(entity, property.getName())) {
				filterProperties.add(property.getName());
			}
		}
		return new TypePage(type, query, columns, rows, page.nextCursor(), page.requests(), queryable, filterProperties);
	}

	private String partitionKey(TypeRef type, IndexDefinition index, Map<String, String> values) {
		KeyTemplate template = index.partition();
		String whole = values.get("");
		if (whole != null && !whole.isBlank()) {
			return whole;
		}
		if (template == null) {
			throw ConsoleException.badRequest("The partition key of index " + index.index() + " of type " + type.name()
					+ " is computed: enter the whole key");
		}
		String key = template.render((property) -> values.get(property));
		if (key == null) {
			throw ConsoleException.badRequest("Index " + index.index() + " of type " + type.name()
					+ " needs a value for each of " + template.getProperties() + " (key template " + template + ")");
		}
		return key;
	}

	private static SingleTableQuery<?> sortCondition(SingleTableQuery<?> read, TypeQuery query) {
		String operator = query.sortOperator();
		String value = query.sortValue();
		if (operator == null || value == null) {
			return read;
		}
		String high = query.sortValue2();
		return switch (operator) {
			case "eq" -> read.sortEquals(value);
			case "begins" -> read.sortBeginsWith(value);
			case "lt" -> read.sortLessThan(value);
			case "le" -> read.sortLessThanOrEqual(value);
			case "gt" -> read.sortGreaterThan(value);
			case "ge" -> read.sortGreaterThanOrEqual(value);
			case "between" -> {
				if (high == null) {
					throw ConsoleException.badRequest("A 'between' sort condition needs two values");
				}
				yield read.sortBetween(value, high);
			}
			default -> throw ConsoleException.badRequest("Unknown sort condition '" + operator
					+ "': use eq, begins, lt, le, gt, ge or between");
		};
	}

	private Filter filter(SingleTablePersistentEntity<?> entity, TypeQuery query) {
		String name = query.filterProperty();
		SingleTablePersistentProperty property = entity.getPersistentProperty(name);
		if (property == null) {
			throw ConsoleException.badRequest("Type " + entity.getPrefix() + " has no property '" + name + "'");
		}
		if (this.masking.isMasked(entity, name)) {
			// a filter on a masked value would tell it, one guess at a time
			throw ConsoleException.badRequest("Property '" + name + "' of " + entity.getPrefix()
					+ " is masked: the console does not filter on it");
		}
		String operator = (query.filterOperator() != null) ? query.filterOperator() : "eq";
		Filter.Condition condition = Filter.property(name);
		if ("exists".equals(operator)) {
			return condition.exists();
		}
		String text = (query.filterValue() != null) ? query.filterValue() : "";
		Object value = text;
		Class<?> type = property.getType();
		if (!type.equals(String.class) && this.conversions.canConvert(String.class, type)
				&& ("eq".equals(operator) || "ne".equals(operator) || "lt".equals(operator) || "gt".equals(operator))) {
			try {
				Object converted = this.conversions.convert(text, type);
				value = (converted != null) ? converted : text;
			}
			catch (RuntimeException ex) {
				throw ConsoleException.badRequest("'" + text + "' is no value of property " + name + " ("
						+ type.getSimpleName() + ")");
			}
		}
		return switch (operator) {
			case "eq" -> condition.eq(value);
			case "ne" -> condition.ne(value);
			case "contains" -> condition.contains(value);
			case "begins" -> condition.beginsWith(text);
			case "lt" -> condition.lt(value);
			case "gt" -> condition.gt(value);
			default -> throw ConsoleException.badRequest("Unknown filter '" + operator
					+ "': use eq, ne, contains, begins, lt, gt or exists");
		};
	}

	private List<String> columns(SingleTablePersistentEntity<?> entity) {
		List<String> columns = new ArrayList<>();
		for (SingleTablePersistentProperty property : entity) {
			if (columns.size() < COLUMNS && !property.isIdProperty() && !property.isBlobProperty()
					&& !property.isUnmappedAttributesProperty()) {
				columns.add(this.converter.getStoredName(property));
			}
		}
		return columns;
	}

	static String shortText(@Nullable JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return "";
		}
		String text = node.isValueNode() ? node.asString() : node.toString();
		return (text.length() > 80) ? text.substring(0, 77) + "…" : text;
	}

	String id(SingleTablePersistentEntity<?> entity, Object item) {
		Object id = entity.getIdentifierAccessor(item).getIdentifier();
		return (id != null) ? id.toString() : "";
	}

	// --- a resource

	record Diff(long from, long to, List<LineDiff.Row> rows) {
	}

	record AuditRow(String id, String operation, @Nullable String changedBy, Instant createdAt,
			Map<String, String[]> changes) {
	}

	record BlobView(String property, String contentType, long size, @Nullable String text, BlobTypes.Preview preview,
			String fileName, @Nullable String typeProblem, @Nullable String problem) {
	}

	record RawItem(String sk, long size, Map<String, String> attributes, @Nullable String data) {
	}

	record CollectionLink(String index, String partition) {
	}

	record ResourceView(TypeRef type, SingleTablePersistentEntity<?> entity, String id, String json,
			List<VersionSummary> versions, @Nullable Diff diff, List<AuditRow> audit, @Nullable String auditProblem,
			List<BlobView> blobs, List<RawItem> rawItems, List<CollectionLink> collections) {
	}

	ResourceView resource(TypeRef type, String id, @Nullable Long from, @Nullable Long to) {
		Object latest = find(type, id);
		SingleTablePersistentEntity<?> entity = this.converter.getRequiredEntity(latest.getClass());
		String json = pretty(this.masking.mask(entity, this.jsonMapper.valueToTree(latest)));
		List<VersionSummary> versions = entity.isVersioned()
				? this.template.findVersionSummaries(type.type(), id) : List.of();
		Diff diff = null;
		checkVersion(type, id, versions, "from", from);
		checkVersion(type, id, versions, "to", to);
		if (versions.size() >= 2) {
			long right = (to != null) ? to : versions.get(0).version();
			long left = (from != null) ? from : versions.get(1).version();
			diff = new Diff(left, right, LineDiff.diff(versionJson(type, id, left), versionJson(type, id, right)));
		}
		List<AuditRow> audit = new ArrayList<>();
		String auditProblem = null;
		try {
			for (AuditEntry entry : this.template.auditLog().forResource(type.name(), id).page(null).items()) {
				audit.add(auditRow(entity, entry));
			}
		}
		catch (RuntimeException ex) {
			auditProblem = "The audit log could not be read: " + ex.getMessage();
		}
		return new ResourceView(type, entity, id, json, versions, diff, audit, auditProblem, blobs(entity, latest),
				rawItems(entity, id), collections(entity, latest));
	}

	/** Refuses a version to compare that the resource does not have, naming the ones it has. */
	private static void checkVersion(TypeRef type, String id, List<VersionSummary> versions, String side,
			@Nullable Long version) {
		if (version == null) {
			return;
		}
		if (versions.stream().noneMatch((summary) -> summary.version() == version)) {
			throw ConsoleException.badRequest("Version " + version + " ('" + side + "') of " + type.name() + " '" + id
					+ "' does not exist: " + (versions.isEmpty() ? "the type is not versioned"
							: "its versions are " + versions.get(versions.size() - 1).version() + " to "
									+ versions.get(0).version()) + ".");
		}
	}

	Object find(TypeRef type, String id) {
		Optional<?> found;
		try {
			found = this.template.findById(type.type(), id);
		}
		catch (dev.singletable.core.InvalidResourceIdException ex) {
			throw ConsoleException.badRequest(ex.getMessage());
		}
		return found.orElseThrow(() -> ConsoleException
			.notFound("No " + type.name() + " with id '" + id + "' in table '" + this.template.getTableName() + "'."));
	}

	private String versionJson(TypeRef type, String id, long version) {
		Object item = this.template.findVersion(type.type(), id, version)
			.orElseThrow(() -> ConsoleException.notFound(type.name() + " '" + id + "' has no version " + version + "."));
		SingleTablePersistentEntity<?> entity = this.converter.getRequiredEntity(item.getClass());
		return pretty(this.masking.mask(entity, this.jsonMapper.valueToTree(item)));
	}

	private AuditRow auditRow(SingleTablePersistentEntity<?> entity, AuditEntry entry) {
		Map<String, String[]> changes = new LinkedHashMap<>();
		Map<String, FieldChange> fields = entry.changedFields();
		if (fields != null) {
			fields.forEach((name, change) -> {
				boolean masked = this.masking.isMasked(entity, name);
				changes.put(name, new String[] { masked ? Masking.MASK : shortText(change.oldValue()),
						masked ? Masking.MASK : shortText(change.newValue()) });
			});
		}
		return new AuditRow(entry.id(), entry.operation(), entry.changedBy(), entry.createdAt(), changes);
	}

	private List<BlobView> blobs(SingleTablePersistentEntity<?> entity, Object latest) {
		List<BlobView> blobs = new ArrayList<>();
		for (SingleTablePersistentProperty property : entity.getBlobProperties()) {
			try {
				Blob blob = blob(entity, latest, property);
				boolean masked = this.masking.isMasked(entity, property.getName());
				BlobTypes.Preview preview = masked ? BlobTypes.Preview.NONE : BlobTypes.preview(blob.contentType());
				String text = null;
				if (preview == BlobTypes.Preview.TEXT) {
					String full = new String(blob.bytes(), StandardCharsets.UTF_8);
					text = (full.length() > 20_000) ? full.substring(0, 20_000) + "\n…" : full;
				}
				String typeProblem = (BlobTypes.parse(blob.contentType()) != null) ? null
						: "The declared content type '" + blob.contentType() + "' is not a valid media type: the "
								+ "download is served as application/octet-stream.";
				blobs.add(new BlobView(property.getName(), blob.contentType(), blob.bytes().length, text, preview,
						property.getName() + "." + BlobTypes.extension(blob.contentType()), typeProblem, null));
			}
			catch (RuntimeException ex) {
				blobs.add(new BlobView(property.getName(), "", 0, null, BlobTypes.Preview.NONE, property.getName(), null,
						ex.getMessage()));
			}
		}
		return blobs;
	}

	record Blob(String contentType, byte[] bytes) {
	}

	/**
	 * Reads one blob property of a resource's latest state through the template.
	 * @param type the type
	 * @param id the resource id
	 * @param name the property
	 * @return the content and its type
	 */
	Blob blob(TypeRef type, String id, String name) {
		Object latest = find(type, id);
		SingleTablePersistentEntity<?> entity = this.converter.getRequiredEntity(latest.getClass());
		SingleTablePersistentProperty property = entity.getPersistentProperty(name);
		if (property == null || !property.isBlobProperty()) {
			throw ConsoleException.notFound("Type " + type.name() + " has no blob property '" + name + "'.");
		}
		if (this.masking.isMasked(entity, name)) {
			throw ConsoleException.forbidden("Blob property '" + name + "' of " + type.name() + " is masked.");
		}
		return blob(entity, latest, property);
	}

	private Blob blob(SingleTablePersistentEntity<?> entity, Object latest, SingleTablePersistentProperty property) {
		Object value = this.template.loadBlob(latest, property.getName());
		BlobField field = property.getBlobField();
		String declared = (field != null) ? field.contentType() : "";
		if (value == null) {
			return new Blob(declared.isEmpty() ? "text/plain" : declared, new byte[0]);
		}
		if (value instanceof byte[] bytes) {
			return new Blob(declared.isEmpty() ? "application/octet-stream" : declared, bytes);
		}
		if (value instanceof CharSequence text) {
			return new Blob(declared.isEmpty() ? "text/plain;charset=UTF-8" : declared,
					text.toString().getBytes(StandardCharsets.UTF_8));
		}
		JsonNode json = this.masking.mask(entity, this.jsonMapper.valueToTree(value));
		return new Blob(declared.isEmpty() ? "application/json" : declared,
				pretty(json).getBytes(StandardCharsets.UTF_8));
	}

	private List<RawItem> rawItems(SingleTablePersistentEntity<?> entity, String id) {
		QueryResponse response = this.template.getClient()
			.query((request) -> request.tableName(this.template.getTableName())
				.keyConditionExpression("#pk = :pk")
				.expressionAttributeNames(Map.of("#pk", StoredItems.PK))
				.expressionAttributeValues(
						Map.of(":pk", AttributeValue.fromS(entity.getPartitionKeyPrefix() + id)))
				.limit(RAW_ITEMS));
		List<RawItem> items = new ArrayList<>();
		for (Map<String, AttributeValue> item : response.items()) {
			Map<String, String> attributes = new TreeMap<>();
			String data = null;
			for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
				String name = attribute.getKey();
				AttributeValue value = attribute.getValue();
				if (StoredItems.DATA.equals(name) && value.b() != null) {
					data = decodeData(entity, value.b());
					attributes.put(name, "(binary, " + value.b().asByteArrayUnsafe().length + " bytes, decoded below)");
				}
				else if (StoredItems.DATA.equals(name) && value.s() != null) {
					data = decodeText(entity, value.s());
					attributes.put(name, "(JSON text, " + value.s().length() + " characters, shown below)");
				}
				else {
					attributes.put(name, this.masking.isMasked(entity, name) ? Masking.MASK : describe(this.jsonMapper, value));
				}
			}
			AttributeValue sk = item.get(StoredItems.SK);
			items.add(new RawItem((sk != null && sk.s() != null) ? sk.s() : "", StoredItems.size(item), attributes, data));
		}
		return items;
	}

	private String decodeData(SingleTablePersistentEntity<?> entity, SdkBytes bytes) {
		try {
			return pretty(this.masking.mask(entity, this.converter.readData(bytes.asByteArrayUnsafe())));
		}
		catch (RuntimeException ex) {
			return "(not readable as compressed JSON: " + ex.getMessage() + ")";
		}
	}

	private String decodeText(SingleTablePersistentEntity<?> entity, String text) {
		try {
			return pretty(this.masking.mask(entity, this.jsonMapper.readTree(text)));
		}
		catch (RuntimeException ex) {
			return "(not JSON: " + ex.getMessage() + ")";
		}
	}

	/** An attribute's value as text: scalars as they are, maps, lists and sets as JSON. */
	static String describe(JsonMapper mapper, AttributeValue value) {
		return switch (value.type()) {
			case M, L, SS, NS, BS -> mapper.writeValueAsString(json(mapper, value));
			case S -> value.s();
			case N -> value.n();
			case BOOL -> String.valueOf(value.bool());
			case NUL -> "null";
			case B -> "(binary, " + value.b().asByteArrayUnsafe().length + " bytes: "
					+ Base64.getEncoder().encodeToString(value.b().asByteArrayUnsafe()).substring(0,
							Math.min(64, Base64.getEncoder().encodeToString(value.b().asByteArrayUnsafe()).length()))
					+ ")";
			default -> value.toString();
		};
	}

	private static JsonNode json(JsonMapper mapper, AttributeValue value) {
		var nodes = mapper.getNodeFactory();
		return switch (value.type()) {
			case S -> nodes.stringNode(value.s());
			case N -> nodes.numberNode(new java.math.BigDecimal(value.n()));
			case BOOL -> nodes.booleanNode(value.bool());
			case NUL -> nodes.nullNode();
			case B -> nodes.stringNode(Base64.getEncoder().encodeToString(value.b().asByteArrayUnsafe()));
			case M -> {
				var object = nodes.objectNode();
				new TreeMap<>(value.m()).forEach((name, member) -> object.set(name, json(mapper, member)));
				yield object;
			}
			case L -> {
				var array = nodes.arrayNode();
				value.l().forEach((member) -> array.add(json(mapper, member)));
				yield array;
			}
			case SS -> {
				var array = nodes.arrayNode();
				value.ss().forEach(array::add);
				yield array;
			}
			case NS -> {
				var array = nodes.arrayNode();
				value.ns().forEach((number) -> array.add(new java.math.BigDecimal(number)));
				yield array;
			}
			case BS -> {
				var array = nodes.arrayNode();
				value.bs().forEach((bytes) -> array.add(Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe())));
				yield array;
			}
			default -> nodes.stringNode(value.toString());
		};
	}

	private List<CollectionLink> collections(SingleTablePersistentEntity<?> entity, Object latest) {
		List<CollectionLink> links = new ArrayList<>();
		PersistentPropertyAccessor<?> accessor = entity.getPropertyAccessor(latest);
		Function<String, @Nullable Object> values = (name) -> {
			SingleTablePersistentProperty property = entity.getPersistentProperty(name);
			return (property != null) ? accessor.getProperty(property) : null;
		};
		for (IndexDefinition index : entity.getIndexDefinitions()) {
			if (index.isTypeIndex() || index.partition() == null) {
				continue;
			}
			try {
				String key = index.partition().render(values);
				if (key != null) {
					links.add(new CollectionLink(index.index(), key));
				}
			}
			catch (RuntimeException ex) {
				// a key that does not render leaves the resource out of that index: no link
			}
		}
		return links;
	}

	// --- an item collection

	record CollectionView(String index, String partition, Map<TypeRef, List<Row>> groups, @Nullable String nextCursor,
			List<String> otherShapes) {
	}

	/** A placeholder of a key template, its format kept: {@code {name}} or {@code {name:05d}}. */
	private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\{[^}:]*(:[^}]*)?}");

	/**
	 * A partition template's shape: its literal text, each placeholder reduced to its format. Types whose templates
	 * have one shape ({@code customer#{id}}, {@code customer#{customerId}}) write the same stored keys: one item
	 * collection.
	 */
	static String shape(String template) {
		return PLACEHOLDER.matcher(template)
			.replaceAll((match) -> java.util.regex.Matcher.quoteReplacement(
					"{" + ((match.group(1) != null) ? match.group(1) : "") + "}"));
	}

	/** Whether a template of this shape can render the stored key: its literals in place, something in each hole. */
	static boolean renders(String shape, String key) {
		StringBuilder regex = new StringBuilder();
		java.util.regex.Matcher hole = PLACEHOLDER.matcher(shape);
		int last = 0;
		while (hole.find()) {
			regex.append(java.util.regex.Pattern.quote(shape.substring(last, hole.start()))).append("(.+?)");
			last = hole.end();
		}
		regex.append(java.util.regex.Pattern.quote(shape.substring(last)));
		return java.util.regex.Pattern.compile(regex.toString(), java.util.regex.Pattern.DOTALL).matcher(key).matches();
	}

	private static int literalLength(String shape) {
		return PLACEHOLDER.matcher(shape).replaceAll("").length();
	}

	CollectionView collection(String index, String partition, @Nullable String cursor) {
		// the types whose partition template on the index can render this stored key, grouped by the template's
		// shape (the types of one collection share it, up to the names of their properties); of several shapes that
		// render it the most literal one wins ('owner#{}' over '{}'), the others are named on the page
		Map<String, List<TypeRef>> byShape = new LinkedHashMap<>();
		boolean declared = false;
		for (TypeRef type : types()) {
			IndexDefinition definition = type.entity().getIndexDefinition(index);
			if (definition != null && definition.partition() != null) {
				declared = true;
				String shape = shape(definition.partition().toString());
				if (renders(shape, partition)) {
					byShape.computeIfAbsent(shape, (key) -> new ArrayList<>()).add(type);
				}
			}
		}
		if (!declared) {
			throw ConsoleException.notFound("No entity type declares index '" + index + "' with a partition template.");
		}
		String chosen = byShape.entrySet()
			.stream()
			.max(java.util.Comparator.comparingInt((Map.Entry<String, List<TypeRef>> group) -> literalLength(group.getKey()))
				.thenComparingInt((group) -> group.getValue().size()))
			.map(Map.Entry::getKey)
			.orElseThrow(() -> ConsoleException.notFound("No entity type's partition template on index '" + index
					+ "' can render '" + partition + "'."));
		List<TypeRef> types = byShape.get(chosen);
		List<String> otherShapes = new ArrayList<>();
		byShape.forEach((shape, group) -> {
			if (!shape.equals(chosen)) {
				otherShapes.add("'" + shape + "' (" + String.join(", ", group.stream().map(TypeRef::name).toList()) + ")");
			}
		});
		Map<TypeRef, List<? extends Object>> items = new LinkedHashMap<>();
		String nextCursor;
		if (types.size() == 1) {
			// one type on this template: its query of the index (a collection query takes two types or more)
			QueryPage<?> page = this.template.query(types.get(0).type())
				.index(index)
				.partition(partition)
				.limit(this.pageSize * 4)
				.page(cursor);
			items.put(types.get(0), page.items());
			nextCursor = page.nextCursor();
		}
		else {
			ItemCollection collection = this.template
				.queryCollection(index, types.stream().map(TypeRef::type).toArray(Class<?>[]::new))
				.partition(partition)
				.limit(this.pageSize * 4)
				.collection(cursor);
			for (TypeRef type : types) {
				items.put(type, collection.get(type.type()));
			}
			nextCursor = collection.nextCursor();
		}
		Map<TypeRef, List<Row>> groups = new LinkedHashMap<>();
		for (TypeRef type : types) {
			List<Row> rows = new ArrayList<>();
			for (Object item : items.getOrDefault(type, List.of())) {
				SingleTablePersistentEntity<?> entity = this.converter.getRequiredEntity(item.getClass());
				JsonNode json = this.masking.mask(entity, this.jsonMapper.valueToTree(item));
				List<String> values = new ArrayList<>();
				for (String column : columns(entity)) {
					values.add(column + "=" + shortText(json.get(column)));
				}
				rows.add(new Row(id(entity, item), item.getClass().getSimpleName(), values));
			}
			groups.put(type, rows);
		}
		return new CollectionView(index, partition, groups, nextCursor, otherShapes);
	}

	// --- changes

	Object restore(TypeRef type, String id, long version) {
		find(type, id);
		return this.template.restoreVersion(type.type(), id, version);
	}

	boolean delete(TypeRef type, String id) {
		find(type, id);
		return this.template.deleteById(type.type(), id);
	}

	/**
	 * A resource's state as masked JSON text, for the live events.
	 * @param item the resource
	 * @return one line of JSON
	 */
	String compactJson(Object item) {
		SingleTablePersistentEntity<?> entity = this.converter.getRequiredEntity(item.getClass());
		return this.masking.mask(entity, this.jsonMapper.valueToTree(item)).toString();
	}

	String pretty(JsonNode node) {
		return this.jsonMapper.writerWithDefaultPrettyPrinter().writeValueAsString(node);
	}

}
