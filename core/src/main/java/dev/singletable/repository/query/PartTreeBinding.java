package dev.singletable.repository.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Sort;
import org.springframework.data.repository.query.parser.Part;
import org.springframework.data.core.PropertyReferenceException;
import org.springframework.data.repository.query.parser.PartTree;

import dev.singletable.core.spi.QueryDefinition;
import dev.singletable.core.mapping.KeyTemplate;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.query.Filter;
import dev.singletable.core.query.InvalidSortException;
import dev.singletable.core.query.SingleTableQuery;

/**
 * A query derived from the method name, planned once by {@link SingleTableQueryCreator} when the repository is
 * created: each call binds its arguments (key values, sort operands, filter values, a dynamic sort) into the plan's
 * {@link QueryPlan#query() query value}, the same for either API.
 */
final class PartTreeBinding implements QueryBinding {

	private final SingleTableQueryMethod method;

	private final @Nullable QueryPlan plan;

	private final Shape shape;

	private final SingleTablePersistentEntity<?> entity;

	/** The query of an {@link #isIdLookup id lookup} before its id is bound (unused otherwise). */
	private final QueryDefinition lookup;

	/**
	 * Parses a method name against the domain type; for the root of a hierarchy, whose interface accessors are no
	 * properties to Spring Data and whose discriminator is none at all, against its {@link HierarchyView} when the
	 * type itself does not parse.
	 */
	private static PartTree parse(String name, SingleTablePersistentEntity<?> entity) {
		try {
			return new PartTree(name, entity.getType());
		}
		catch (PropertyReferenceException ex) {
			if (entity.getDiscriminator() == null || entity.getType() != entity.getRootType()) {
				throw ex;
			}
			try {
				return new PartTree(name, HierarchyView.of(entity));
			}
			catch (PropertyReferenceException other) {
				throw ex;
			}
		}
	}

	/**
	 * Creates the query, failing when no index covers the method.
	 * @param method the query method
	 * @param entity the entity it reads
	 * @throws UnsupportedQueryMethodException when the method cannot be mapped onto an index
	 */
	PartTreeBinding(SingleTableQueryMethod method, SingleTablePersistentEntity<?> entity) {
		this.method = method;
		Class<?> domainType = method.getEntityInformation().getJavaType();
		PartTree tree = parse(method.getName(), entity);
		if (tree.isDelete() && !isDeleteResult(method, domainType)) {
			throw new UnsupportedQueryMethodException("Cannot derive a query for " + method.describe()
					+ ": a derived delete method returns void, the number of resources deleted (long or int) or the "
					+ "deleted entities (a List of " + domainType.getSimpleName() + "; from a Kotlin suspend fun, Unit, "
					+ "Long or List<" + domainType.getSimpleName() + ">), not "
					+ method.getReturnedObjectType().getSimpleName() + ".",
					UnsupportedQueryMethodException.Reason.RETURN_TYPE);
		}
		this.entity = entity;
		this.shape = new Shape(tree.isDelete(), tree.isCountProjection(), tree.isExistsProjection(),
				tree.getMaxResults());
		this.plan = isIdLookup(tree, this.entity) ? null
				: new SingleTableQueryCreator(tree, this.entity, method.describe(), method.isFilteringAllowed())
					.createQuery();
		this.lookup = QueryDefinition.of(entity);
	}

	/**
	 * Creates the query from a plan made ahead of time (see {@link AotQuery}), without parsing the method name.
	 * @param method the query method
	 * @param entity the entity it reads
	 * @param plan the plan, or {@literal null} for an id lookup
	 * @param shape what the method does with what it reads
	 */
	PartTreeBinding(SingleTableQueryMethod method, SingleTablePersistentEntity<?> entity, @Nullable QueryPlan plan,
			Shape shape) {
		this.method = method;
		this.entity = entity;
		this.plan = plan;
		this.shape = shape;
		this.lookup = QueryDefinition.of(entity);
	}

	/**
	 * What a derived method does with what it reads, as its name says.
	 * @param delete whether it deletes ({@code deleteBy...})
	 * @param count whether it counts ({@code countBy...})
	 * @param exists whether it asks whether there are results ({@code existsBy...})
	 * @param maxResults the fixed maximum number of results ({@code First}/{@code Top}), or {@literal null}
	 */
	record Shape(boolean delete, boolean count, boolean exists, @Nullable Integer maxResults) {
	}

	/** Returns the plan, {@literal null} for an id lookup (what an AOT repository emits as code). */
	@Nullable QueryPlan plan() {
		return this.plan;
	}

	/** Returns the entity the method reads. */
	SingleTablePersistentEntity<?> entity() {
		return this.entity;
	}

	/** Returns what the method does with what it reads. */
	Shape shape() {
		return this.shape;
	}

	/**
	 * Whether a method reads one resource by its id ({@code findViewById(id)}, {@code existsById}...): its one
	 * predicate is equality on the id property and it asks for no order. It reads the table, no index.
	 */
	private static boolean isIdLookup(PartTree tree, SingleTablePersistentEntity<?> entity) {
		List<Part> parts = tree.getParts().toList();
		if (parts.size() != 1 || tree.getSort().isSorted() || entity.getIdProperty() == null) {
			return false;
		}
		Part part = parts.get(0);
		return part.getType() == Part.Type.SIMPLE_PROPERTY && !part.getProperty().hasNext()
				&& part.getProperty().getSegment().equals(entity.getRequiredIdProperty().getName());
	}

	private static boolean isDeleteResult(SingleTableQueryMethod method, Class<?> domainType) {
		Class<?> type = method.getReturnedObjectType();
		if (method.isCollectionQuery()) {
			return domainType.isAssignableFrom(type) && !method.returnsJavaStream();
		}
		return !method.isPageQuery() && !method.isSliceQuery() && !method.isScrollQuery() && !method.returnsJavaStream()
				&& (method.returnsNothing() || type == long.class || type == Long.class || type == int.class
						|| type == Integer.class);
	}

	@Override
	public boolean isDelete() {
		return this.shape.delete();
	}

	@Override
	public @Nullable Integer maxResults() {
		return this.shape.maxResults();
	}

	@Override
	public boolean isCount() {
		return this.shape.count();
	}

	@Override
	public boolean isExists() {
		return this.shape.exists();
	}

	@Override
	public QueryDefinition bind(Object[] bindable, Sort sort) {
		QueryPlan plan = this.plan;
		if (plan == null) {
			return idQuery(bindable, sort);
		}
		QueryDefinition query = plan.query();
		QueryPlan.PartitionIn in = plan.in();
		if (in == null) {
			query = query.withPartition(render(plan.partition(), plan.partitionArguments(), bindable, "partition"));
		}
		else {
			List<String> partitions = new ArrayList<>();
			for (Object value : partitionValues(bindable[in.argument()], in.property())) {
				Object[] arguments = bindable.clone();
				arguments[in.argument()] = value;
				partitions.add(render(plan.partition(), plan.partitionArguments(), arguments, "partition"));
			}
			query = query.withPartitionIn(partitions);
		}
		QueryPlan.SortCondition condition = plan.sort();
		if (condition != null) {
			query = sort(query, condition, bindable);
		}
		if (Boolean.FALSE.equals(ascending(plan, sort))) {
			query = query.withAscending(false);
		}
		for (QueryPlan.FilterCondition filter : plan.filters()) {
			if (HierarchyView.isDiscriminator(this.entity, filter.segment())) {
				query = query.andWhere(subtypes(filter, bindable[filter.firstArgument()]));
				continue;
			}
			Filter predicate = filter(filter, bindable);
			// one Filter for both: DynamoDB evaluates it, or (compressed types, but for their filter metadata) the
			// query after reading
			query = filter.serverSide() ? query.andFilter(predicate) : query.andWhere(predicate);
		}
		return query;
	}

	/**
	 * Returns the distinct values of an {@code In} argument on a partition property, checking that there are
	 * some and not too many: each is a partition to read.
	 */
	private List<Object> partitionValues(@Nullable Object values, String property) {
		String method = this.method.describe();
		List<Object> distinct = new ArrayList<>();
		Iterable<?> iterable = (values instanceof Object[] array) ? Arrays.asList(array)
				: (values instanceof Iterable<?> collection) ? collection : null;
		if (iterable != null) {
			for (Object value : iterable) {
				if (value == null) {
					throw new InvalidDataAccessApiUsageException(method + ": the In values for '" + property
							+ "' must not contain null");
				}
				if (!distinct.contains(value)) {
					distinct.add(value);
				}
			}
		}
		if (distinct.isEmpty()) {
			throw new InvalidDataAccessApiUsageException(method + ": In on '" + property
					+ "' needs a non-empty collection of values");
		}
		if (distinct.size() > SingleTableQuery.MAX_PARTITIONS) {
			throw new InvalidDataAccessApiUsageException(method + ": In on the partition property '" + property
					+ "' reads one partition per value, at most " + SingleTableQuery.MAX_PARTITIONS + ", but got "
					+ distinct.size() + " values; split the call, or declare an index that groups these items under "
					+ "one partition");
		}
		return distinct;
	}

	/** Reads the one resource of an {@link #isIdLookup id lookup}. */
	private QueryDefinition idQuery(Object[] bindable, Sort sort) {
		if (!(bindable[0] instanceof String id)) {
			throw new IllegalArgumentException(this.method.describe() + ": the id must be a non-null String");
		}
		if (sort.isSorted()) {
			throw new InvalidSortException("Cannot sort " + this.method.describe() + " by " + sort
					+ ": it reads one resource by id");
		}
		return this.lookup.withId(id);
	}

	/** The direction asked for by the method name, overridden by a dynamic sort, or {@literal null} for index order. */
	private @Nullable Boolean ascending(QueryPlan plan, Sort sort) {
		Boolean ascending = plan.ascending();
		Boolean asked = plan.order().direction(sort, "run " + this.method.describe());
		return (asked != null) ? asked : ascending;
	}

	private String render(KeyTemplate template, List<Integer> arguments, Object[] bindable, String what) {
		Map<String, Object> values = new HashMap<>();
		List<String> properties = template.getProperties();
		for (int i = 0; i < arguments.size(); i++) {
			Object value = bindable[arguments.get(i)];
			if (value == null) {
				throw new IllegalArgumentException(this.method.describe() + ": the " + what + " value for '"
						+ properties.get(i) + "' must not be null");
			}
			values.put(properties.get(i), value);
		}
		String key = (arguments.size() < properties.size()) ? template.renderPrefix(values::get)
				: template.render(values::get);
		return Objects.requireNonNull(key);
	}

	private QueryDefinition sort(QueryDefinition query, QueryPlan.SortCondition condition, Object[] bindable) {
		KeyTemplate template = condition.template();
		if (condition.type() == Part.Type.SIMPLE_PROPERTY) {
			String key = render(template, condition.arguments(), bindable, "sort");
			return condition.prefixOnly() ? query.withSortBeginsWith(key)
					: query.withSort(QueryDefinition.SortOperator.EQ, key);
		}
		List<String> operands = new ArrayList<>();
		for (Integer argument : condition.arguments()) {
			if (condition.type() == Part.Type.STARTING_WITH) {
				Object value = bindable[argument];
				Objects.requireNonNull(value, "The sort key prefix must not be null");
				operands.add(template.getPrefix() + value);
			}
			else {
				operands.add(render(template, List.of(argument), bindable, "sort"));
			}
		}
		return switch (condition.type()) {
			case LESS_THAN, BEFORE -> query.withSort(QueryDefinition.SortOperator.LT, operands.get(0));
			case LESS_THAN_EQUAL -> query.withSort(QueryDefinition.SortOperator.LE, operands.get(0));
			case GREATER_THAN, AFTER -> query.withSort(QueryDefinition.SortOperator.GT, operands.get(0));
			case GREATER_THAN_EQUAL -> query.withSort(QueryDefinition.SortOperator.GE, operands.get(0));
			case BETWEEN -> query.withSort(QueryDefinition.SortOperator.BETWEEN, operands.get(0), operands.get(1));
			case STARTING_WITH -> query.withSortBeginsWith(operands.get(0));
			default -> throw new IllegalStateException("Not a sort condition: " + condition.type());
		};
	}

	/**
	 * The predicate of a condition on a hierarchy's discriminator: whether an item read is of the named types, told by
	 * the type it was read as (so whoever wrote it, with the attribute or only the JSON naming its type).
	 */
	private Predicate<Object> subtypes(QueryPlan.FilterCondition part, @Nullable Object value) {
		Map<String, Class<?>> known = this.entity.getSubtypes();
		List<Object> values = (part.type() == Part.Type.IN || part.type() == Part.Type.NOT_IN)
				? new ArrayList<>(collection(value, part.path())) : Arrays.asList(value);
		for (Object named : values) {
			if (!(named instanceof String string) || !known.containsKey(string)) {
				throw new InvalidDataAccessApiUsageException(this.method.describe() + " selects the type '" + named
						+ "' of " + this.entity.getType().getSimpleName() + ", which has the types " + known.keySet());
			}
		}
		Set<Class<?>> selected = new HashSet<>();
		values.forEach((named) -> selected.add(known.get(named)));
		boolean negated = part.type() == Part.Type.NEGATING_SIMPLE_PROPERTY || part.type() == Part.Type.NOT_IN;
		return (item) -> selected.contains(item.getClass()) != negated;
	}

	static Filter filter(QueryPlan.FilterCondition part, Object[] bindable) {
		String path = part.path();
		int first = part.firstArgument();
		Filter.Condition condition = Filter.property(path);
		Object value = (part.arguments() > 0) ? bindable[first] : null;
		return switch (part.type()) {
			case SIMPLE_PROPERTY -> (value == null) ? isNull(path) : condition.eq(value);
			case NEGATING_SIMPLE_PROPERTY -> (value == null) ? isNotNull(path) : condition.ne(value);
			case LESS_THAN, BEFORE -> condition.lt(required(value, path));
			case LESS_THAN_EQUAL -> condition.le(required(value, path));
			case GREATER_THAN, AFTER -> condition.gt(required(value, path));
			case GREATER_THAN_EQUAL -> condition.ge(required(value, path));
			case BETWEEN -> condition.between(required(value, path), required(bindable[first + 1], path));
			case STARTING_WITH -> condition.beginsWith(String.valueOf(required(value, path)));
			case CONTAINING -> condition.contains(required(value, path));
			case NOT_CONTAINING -> Filter.not(condition.contains(required(value, path)));
			case IN -> condition.in(collection(value, path).toArray());
			case NOT_IN -> Filter.not(condition.in(collection(value, path).toArray()));
			case IS_NULL -> isNull(path);
			case IS_NOT_NULL -> isNotNull(path);
			case TRUE -> condition.eq(true);
			case FALSE -> condition.eq(false);
			default -> throw new IllegalStateException("Unsupported filter " + part.type());
		};
	}

	private static Filter isNull(String path) {
		return Filter.property(path).notExists().or(Filter.property(path).eq(null));
	}

	private static Filter isNotNull(String path) {
		return Filter.property(path).exists().and(Filter.property(path).ne(null));
	}

	private static Object required(@Nullable Object value, String path) {
		if (value == null) {
			throw new IllegalArgumentException("The value compared with '" + path + "' must not be null");
		}
		return value;
	}

	private static Collection<?> collection(@Nullable Object value, String path) {
		if (value instanceof Collection<?> collection && !collection.isEmpty()) {
			return collection;
		}
		if (value instanceof Object[] array && array.length > 0) {
			return List.of(array);
		}
		throw new IllegalArgumentException("'" + path + "' In/NotIn needs a non-empty collection");
	}

}
