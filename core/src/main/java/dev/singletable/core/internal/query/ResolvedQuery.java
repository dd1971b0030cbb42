package dev.singletable.core.internal.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.internal.item.ExpressionBuilder;
import dev.singletable.core.internal.item.TypeIndex;
import dev.singletable.core.mapping.IndexDefinition;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import dev.singletable.core.query.Filter;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * A {@link QuerySpec} resolved against the mapping: the index's key attributes, the key condition, filter and
 * projection expressions with placeholders for every name and value, and the scope its cursors are bound to.
 *
 * @param spec the specification
 * @param index the index, or {@literal null} for the table
 * @param partitionAttribute the partition key attribute
 * @param sortAttribute the sort key attribute, or {@literal null} when the index has none
 * @param keyCondition the key condition expression
 * @param expression the names and values of the expressions
 * @param filterExpression the filter expression, or {@literal null}
 * @param projectionExpression the projection expression, or {@literal null} to read whole items
 * @param cursors the scope of the query's cursors
 */
public record ResolvedQuery(QuerySpec spec, @Nullable String index, String partitionAttribute,
		@Nullable String sortAttribute, String keyCondition,
		ExpressionBuilder expression, @Nullable String filterExpression, @Nullable String projectionExpression,
		CursorCodec.Scope cursors) {

	/**
	 * Resolves a specification.
	 * @param spec the specification
	 * @param converter the converter, for stored names and filter values
	 * @param owns whether a {@code pk} belongs to one of the query's types
	 * @param reading what the requests read back
	 * @return the resolved query
	 * @throws IllegalArgumentException when the index, partition, sort condition or filter do not fit
	 */
	static ResolvedQuery of(QuerySpec spec, SingleTableConverter converter, Predicate<String> owns,
			Reading reading) {
		String index = spec.index();
		String partitionAttribute = ItemAttributes.PK;
		String sortAttribute = ItemAttributes.SK;
		if (index != null) {
			IndexDefinition definition = definition(spec, index);
			partitionAttribute = (definition != null) ? definition.partitionAttribute()
					: IndexDefinition.conventionalPartitionAttribute(index);
			sortAttribute = (definition != null) ? definition.sortAttribute()
					: IndexDefinition.conventionalSortAttribute(index);
			if (spec.consistent()) {
				throw new IllegalArgumentException("Index '" + index + "' is a global secondary index, which only "
						+ "supports eventually consistent reads; drop consistentRead() or query the table");
			}
		}
		List<String> partitions = spec.partitions();
		if (partitions.size() > 1) {
			throw new IllegalStateException("A merged query reads each of its partitions as a query of its own");
		}
		String partition = partitions.isEmpty() ? defaultPartition(spec) : partitions.get(0);
		QuerySpec.SortCondition sort = spec.key().sort();
		if (sort != null && sortAttribute == null) {
			throw new IllegalArgumentException("Index '" + index + "' has no sort key to put a condition on");
		}
		ExpressionBuilder expression = new ExpressionBuilder();
		String condition = expression.name(partitionAttribute) + " = "
				+ expression.value(AttributeValue.fromS(partition));
		if (sort != null) {
			condition += " AND " + sortCondition(expression, expression.name(sortAttribute), sort);
		}
		Map<Filter, SingleTablePersistentEntity<?>> scopes = new IdentityHashMap<>();
		Filter subtypes = subtypeFilter(spec);
		Filter wanted = (spec.filter() != null && subtypes != null) ? spec.filter().and(subtypes)
				: (spec.filter() != null) ? spec.filter() : subtypes;
		Filter sent = (wanted != null) ? typed(spec, wanted, scopes) : null;
		String filter = (sent != null)
				? expression.render(sent, (f) -> storedPath(spec, converter, f, scopes.get(f)), converter::writeValue)
				: null;
		Set<String> keys = new LinkedHashSet<>(List.of(ItemAttributes.PK, ItemAttributes.SK, partitionAttribute));
		if (sortAttribute != null) {
			keys.add(sortAttribute);
		}
		String projection = switch (reading) {
			case ITEMS -> projection(spec, converter, keys, expression);
			case KEYS -> keysProjection(spec, keys, expression);
			case COUNT -> null;
		};
		CursorCodec.Scope cursors = CursorCodec.scope(spec.types().keySet(), index, partitionAttribute, sortAttribute,
				partition, spec.mixed() ? null : owns);
		return new ResolvedQuery(spec, index, partitionAttribute, sortAttribute, condition, expression, filter,
				projection, cursors);
	}

	/**
	 * What the requests of a query read back.
	 */
	public enum Reading {

		/** The items, or the {@link QuerySpec#properties() selected} properties of them. */
		ITEMS,

		/**
		 * Only what tells whether a read returns an item and where reading continues after it: the table and
		 * index keys and the TTL attribute of each type that hides expired items (an {@code offset} skips with it).
		 */
		KEYS,

		/** Nothing ({@code Select COUNT}). */
		COUNT

	}

	/**
	 * Starts a request of this query.
	 * @param tableName the table
	 * @param filterExpression the filter to send (this query's, or one a count adds to)
	 * @param items whether the request reads items (a count sends no projection)
	 * @return the request builder
	 */
	QueryRequest.Builder request(String tableName, @Nullable String filterExpression, boolean items) {
		return QueryRequest.builder()
			.tableName(tableName)
			.indexName(this.index)
			.keyConditionExpression(this.keyCondition)
			.filterExpression(filterExpression)
			.projectionExpression(items ? this.projectionExpression : null)
			.expressionAttributeNames(this.expression.names())
			.expressionAttributeValues(this.expression.values())
			.consistentRead(this.spec.consistent() ? Boolean.TRUE : null);
	}

	private static String sortCondition(ExpressionBuilder expression, String name, QuerySpec.SortCondition sort) {
		List<String> values = sort.values()
			.stream()
			.map((value) -> expression.value(AttributeValue.fromS(value)))
			.toList();
		return switch (sort.operator()) {
			case EQ -> name + " = " + values.get(0);
			case LT -> name + " < " + values.get(0);
			case LE -> name + " <= " + values.get(0);
			case GT -> name + " > " + values.get(0);
			case GE -> name + " >= " + values.get(0);
			case BETWEEN -> name + " BETWEEN " + values.get(0) + " AND " + values.get(1);
			case BEGINS_WITH -> "begins_with(" + name + ", " + values.get(0) + ")";
		};
	}

	private static @Nullable IndexDefinition definition(QuerySpec spec, String index) {
		for (SingleTablePersistentEntity<?> entity : spec.types().values()) {
			IndexDefinition definition = entity.getIndexDefinition(index);
			if (definition != null) {
				return definition;
			}
		}
		return null;
	}

	private static String defaultPartition(QuerySpec spec) {
		if (!TypeIndex.NAME.equals(spec.index()) || spec.types().size() != 1) {
			throw new IllegalArgumentException("Query on " + ((spec.index() != null) ? "index '" + spec.index() + "'"
					: "the table") + " needs a partition value; call partition(..)");
		}
		SingleTablePersistentEntity<?> entity = spec.types().values().iterator().next();
		String partition = TypeIndex.constantPartition(entity);
		if (partition == null) {
			throw new IllegalArgumentException(entity.getType().getSimpleName()
					+ " computes its gsitype value; pass the partition to list");
		}
		return partition;
	}

	/**
	 * The single type of a query whose properties are named, with the reason when there is none.
	 */
	private static SingleTablePersistentEntity<?> singleType(QuerySpec spec, String what) {
		if (spec.mixed()) {
			throw new IllegalArgumentException(what + " is ambiguous in a query over several types; "
					+ "use Filter.attribute(\"storedName\")");
		}
		return spec.types().values().iterator().next();
	}

	/**
	 * Returns the filter with each {@link Filter#forType} condition as DynamoDB evaluates it, {@code gsitype <> :type
	 * OR (filter)}, noting the type of each condition inside one, whose properties are that type's.
	 * @throws IllegalArgumentException when the type is not one of the query's, or computes its type-index value
	 */
	private static Filter typed(QuerySpec spec, Filter filter, Map<Filter, SingleTablePersistentEntity<?>> scopes) {
		return switch (filter.getOperator()) {
			case AND -> typed(spec, filter.getOperands().get(0), scopes)
				.and(typed(spec, filter.getOperands().get(1), scopes));
			case OR -> typed(spec, filter.getOperands().get(0), scopes)
				.or(typed(spec, filter.getOperands().get(1), scopes));
			case NOT -> Filter.not(typed(spec, filter.getOperands().get(0), scopes));
			case TYPE -> {
				Class<?> type = (Class<?>) filter.getValues().get(0);
				SingleTablePersistentEntity<?> entity = spec.types()
					.values()
					.stream()
					.filter((candidate) -> candidate.getType() == type)
					.findFirst()
					.orElseThrow(() -> new IllegalArgumentException("Filter.forType(" + type.getSimpleName()
							+ ", ..) names a type the query does not read; it reads " + spec.types()
								.values()
								.stream()
								.map((candidate) -> candidate.getType().getSimpleName())
								.toList()));
				List<String> typeValues = TypeIndex.partitions(entity);
				if (typeValues.isEmpty()) {
					throw new IllegalArgumentException(type.getSimpleName() + " computes its gsitype value, so "
							+ "Filter.forType cannot tell its items; filter on an attribute of its own instead");
				}
				Filter inner = typed(spec, filter.getOperands().get(0), scopes);
				scope(inner, entity, scopes);
				// a type spread over shards is told by its own value or any shard's
				Filter.Condition typeAttribute = Filter.attribute(ItemAttributes.GSI_TYPE);
				Filter other = (typeValues.size() == 1) ? typeAttribute.ne(typeValues.get(0))
						: Filter.not(typeAttribute.in(typeValues.toArray()));
				yield other.or(inner);
			}
			default -> filter;
		};
	}

	private static void scope(Filter filter, SingleTablePersistentEntity<?> entity,
			Map<Filter, SingleTablePersistentEntity<?>> scopes) {
		if (filter.getOperands().isEmpty()) {
			scopes.putIfAbsent(filter, entity);
		}
		filter.getOperands().forEach((operand) -> scope(operand, entity, scopes));
	}

	private static List<String> storedPath(QuerySpec spec, SingleTableConverter converter, Filter filter,
			@Nullable SingleTablePersistentEntity<?> scope) {
		String path = filter.getPath();
		if (filter.isRawAttribute()) {
			return List.of(path);
		}
		SingleTablePersistentEntity<?> entity = (scope != null) ? scope
				: singleType(spec, "Filter on property '" + path + "'");
		List<String> segments = new ArrayList<>(Arrays.asList(path.split("\\.")));
		SingleTablePersistentProperty property = entity.getPersistentProperty(segments.get(0));
		if (property == null) {
			throw new IllegalArgumentException(entity.getType().getSimpleName() + " has no property '" + segments.get(0)
					+ "' to filter on");
		}
		if (entity.isCompressed() && property.isFilterMetadataProperty()) {
			// the compressed type copies it into the metadata map of its latest item
			segments.set(0, converter.getStoredName(property));
			segments.add(0, ItemAttributes.METADATA);
			return segments;
		}
		if (entity.isCompressed()) {
			throw new IllegalArgumentException(entity.getType().getSimpleName() + " is stored compressed, so '" + path
					+ "' is inside the compressed data where DynamoDB filters cannot see it; use where(predicate) or "
					+ "where(Filter) to filter after reading, declare the property @FilterMetadata, or use an index "
					+ "key for this access pattern");
		}
		segments.set(0, converter.getStoredName(property));
		return segments;
	}

	/**
	 * The filter that keeps a query of concrete types of a hierarchy to their items: their discriminator values, or no
	 * discriminator attribute (an item whose JSON alone names its type, as the Python library writes a compressed one;
	 * reads check it after reading), on that type's items only ({@link Filter#forType}) in a query over several types.
	 * {@literal null} when no requested type is a concrete one.
	 */
	private static @Nullable Filter subtypeFilter(QuerySpec spec) {
		Filter all = null;
		for (SingleTablePersistentEntity<?> entity : spec.types().values()) {
			if (entity.getType() == entity.getRootType()) {
				continue;
			}
			Filter.Condition discriminator = Filter.attribute(entity.getDiscriminator());
			Filter condition = discriminator.notExists().or(discriminator.in(entity.getSubtypes().keySet().toArray()));
			if (spec.mixed()) {
				condition = Filter.forType(entity.getType(), condition);
			}
			all = (all != null) ? all.and(condition) : condition;
		}
		return all;
	}

	/**
	 * The projection of a request that reads past results without returning them: the keys, and the TTL
	 * attribute of each type whose expired items reads skip (and the discriminator of a concrete type of a
	 * hierarchy).
	 */
	private static String keysProjection(QuerySpec spec, Set<String> keys, ExpressionBuilder expression) {
		Set<String> attributes = new LinkedHashSet<>(keys);
		for (SingleTablePersistentEntity<?> entity : spec.types().values()) {
			if (entity.isHideExpired()) {
				attributes.add(entity.getTtlAttribute());
			}
			if (entity.getType() != entity.getRootType()) {
				attributes.add(entity.getDiscriminator());
			}
		}
		return String.join(", ", attributes.stream().map(expression::name).toList());
	}

	/**
	 * The projection of an uncompressed single-type query that names its properties: their stored names plus
	 * what reading needs besides (the table and index keys, the id, version and timestamps, the TTL attribute for
	 * the expiry check). A compressed type keeps its properties in {@code data}, so it is read whole.
	 */
	private static @Nullable String projection(QuerySpec spec, SingleTableConverter converter, Set<String> keys,
			ExpressionBuilder expression) {
		if (spec.properties().isEmpty() || spec.mixed()) {
			return null;
		}
		SingleTablePersistentEntity<?> entity = spec.types().values().iterator().next();
		if (entity.isCompressed() || entity.getUnmappedAttributesProperty() != null || entity.getDiscriminator() != null) {
			return null;
		}
		Set<String> attributes = new LinkedHashSet<>(keys);
		List<SingleTablePersistentProperty> needed = new ArrayList<>();
		for (String name : spec.properties()) {
			SingleTablePersistentProperty property = entity.getPersistentProperty(name);
			if (property == null) {
				throw new IllegalArgumentException(entity.getType().getSimpleName() + " has no property '" + name
						+ "' to read");
			}
			needed.add(property);
		}
		needed.add(entity.getRequiredIdProperty());
		needed.add(entity.getVersionProperty());
		needed.add(entity.getCreatedDateProperty());
		needed.add(entity.getLastModifiedDateProperty());
		for (SingleTablePersistentProperty property : needed) {
			if (property != null) {
				attributes.add(converter.getStoredName(property));
			}
		}
		attributes.addAll(List.of(ItemAttributes.RESOURCE_ID, ItemAttributes.VERSION, ItemAttributes.CREATED_AT,
				ItemAttributes.UPDATED_AT));
		if (entity.getTtlProperty() != null) {
			attributes.add(entity.getTtlAttribute());
		}
		return String.join(", ", attributes.stream().map(expression::name).toList());
	}

}
