package dev.singletable.repository.query;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.repository.query.parser.Part;
import org.springframework.data.repository.query.parser.PartTree;

import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.mapping.KeyTemplate;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import dev.singletable.core.query.Filter;
import dev.singletable.core.query.InvalidSortException;
import dev.singletable.core.query.SingleTableQuery;

/**
 * A query derived from the method name, planned once by {@link SingleTableQueryCreator} when the repository is
 * created.
 */
public class PartTreeSingleTableQuery extends AbstractSingleTableQuery {

	private final PartTree tree;

	private final QueryPlan plan;

	private final @Nullable Comparator<Object> partitionOrder;

	/**
	 * Creates the query, failing when no index covers the method.
	 * @param method the query method
	 * @param operations the template
	 * @throws UnsupportedQueryMethodException when the method cannot be mapped onto an index
	 */
	public PartTreeSingleTableQuery(SingleTableQueryMethod method, SingleTableOperations operations) {
		super(method, operations);
		Class<?> domainType = method.getEntityInformation().getJavaType();
		this.tree = new PartTree(method.getName(), domainType);
		if (this.tree.isDelete()) {
			throw new UnsupportedQueryMethodException("Cannot derive a query for " + method.describe()
					+ ": derived delete methods are not supported; read the ids and use deleteById or deleteAllById.");
		}
		SingleTablePersistentEntity<?> entity = operations.getConverter().getRequiredEntity(domainType);
		this.plan = new SingleTableQueryCreator(this.tree, entity, method.describe(), method.isFilteringAllowed())
			.createQuery();
		QueryPlan.PartitionIn in = this.plan.in();
		if (in != null && method.isScrollQuery()) {
			throw new UnsupportedQueryMethodException("Cannot derive a query for " + method.describe() + ": In on the "
					+ "partition property '" + in.property() + "' reads several partitions, which share no cursor to "
					+ "scroll a Window with; return a List, Stream, Slice or Page, or declare one method per value.");
		}
		this.partitionOrder = (in != null && in.order() != null)
				? MergedPartitionsQuery.sortKeyOrder(entity, in.order()) : null;
	}

	QueryPlan getPlan() {
		return this.plan;
	}

	@Override
	protected @Nullable Integer getMaxResults() {
		return this.tree.getMaxResults();
	}

	@Override
	protected boolean isCountQuery() {
		return this.tree.isCountProjection();
	}

	@Override
	protected boolean isExistsQuery() {
		return this.tree.isExistsProjection();
	}

	@Override
	protected SingleTableQuery<Object> createQuery(Object[] bindable, Sort sort) {
		QueryPlan.PartitionIn in = this.plan.in();
		if (in == null) {
			return createPartitionQuery(bindable, sort);
		}
		List<SingleTableQuery<Object>> queries = new ArrayList<>();
		for (Object value : MergedPartitionsQuery.partitionValues(bindable[in.argument()], getQueryMethod().describe(),
				in.property())) {
			Object[] arguments = bindable.clone();
			arguments[in.argument()] = value;
			queries.add(createPartitionQuery(arguments, sort));
		}
		return new MergedPartitionsQuery<>(queries, this.partitionOrder, !Boolean.FALSE.equals(ascending(sort)));
	}

	@SuppressWarnings("unchecked")
	private SingleTableQuery<Object> createPartitionQuery(Object[] bindable, Sort sort) {
		SingleTableQuery<Object> query = (SingleTableQuery<Object>) getOperations().query(this.plan.entity().getType());
		query.index(this.plan.index());
		query.partition(render(this.plan.partition(), this.plan.partitionArguments(), bindable, "partition"));
		QueryPlan.SortCondition condition = this.plan.sort();
		if (condition != null) {
			applySort(query, condition, bindable);
		}
		if (Boolean.FALSE.equals(ascending(sort))) {
			query.descending();
		}
		if (!this.plan.filters().isEmpty()) {
			if (this.plan.serverSideFilters()) {
				for (QueryPlan.FilterCondition filter : this.plan.filters()) {
					query.filter(filter(filter.part(), bindable, filter.firstArgument()));
				}
			}
			else {
				List<Predicate<Object>> predicates = new ArrayList<>();
				for (QueryPlan.FilterCondition filter : this.plan.filters()) {
					predicates.add(predicate(filter.part(), bindable, filter.firstArgument()));
				}
				query.where((entity) -> predicates.stream().allMatch((predicate) -> predicate.test(entity)));
			}
		}
		return query;
	}

	/** The direction asked for by the method name, overridden by a dynamic sort, or {@literal null} for index order. */
	private @Nullable Boolean ascending(Sort sort) {
		Boolean ascending = this.plan.ascending();
		if (sort.isSorted()) {
			List<Sort.Order> orders = sort.toList();
			if (orders.size() != 1 || !this.plan.sortProperties().contains(orders.get(0).getProperty())) {
				throw new InvalidSortException("Cannot sort " + getQueryMethod().describe() + " by " + sort
						+ ": index '" + this.plan.index() + "' returns results ordered by " + this.plan.sortProperties());
			}
			ascending = orders.get(0).isAscending();
		}
		return ascending;
	}

	private String render(KeyTemplate template, List<Integer> arguments, Object[] bindable, String what) {
		Map<String, Object> values = new HashMap<>();
		List<String> properties = template.getProperties();
		for (int i = 0; i < arguments.size(); i++) {
			Object value = bindable[arguments.get(i)];
			if (value == null) {
				throw new IllegalArgumentException(getQueryMethod().describe() + ": the " + what + " value for '"
						+ properties.get(i) + "' must not be null");
			}
			values.put(properties.get(i), value);
		}
		String key = (arguments.size() < properties.size()) ? template.renderPrefix(values::get)
				: template.render(values::get);
		return Objects.requireNonNull(key);
	}

	private void applySort(SingleTableQuery<Object> query, QueryPlan.SortCondition condition, Object[] bindable) {
		KeyTemplate template = condition.template();
		if (condition.type() == Part.Type.SIMPLE_PROPERTY) {
			String key = render(template, condition.arguments(), bindable, "sort");
			if (condition.prefixOnly()) {
				query.sortBeginsWith(key);
			}
			else {
				query.sortEquals(key);
			}
			return;
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
		switch (condition.type()) {
			case LESS_THAN, BEFORE -> query.sortLessThan(operands.get(0));
			case LESS_THAN_EQUAL -> query.sortLessThanOrEqual(operands.get(0));
			case GREATER_THAN, AFTER -> query.sortGreaterThan(operands.get(0));
			case GREATER_THAN_EQUAL -> query.sortGreaterThanOrEqual(operands.get(0));
			case BETWEEN -> query.sortBetween(operands.get(0), operands.get(1));
			case STARTING_WITH -> query.sortBeginsWith(operands.get(0));
			default -> throw new IllegalStateException("Not a sort condition: " + condition.type());
		}
	}

	static Filter filter(Part part, Object[] bindable, int first) {
		String path = part.getProperty().toDotPath();
		Filter.Condition condition = Filter.property(path);
		Object value = (part.getNumberOfArguments() > 0) ? bindable[first] : null;
		return switch (part.getType()) {
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
			default -> throw new IllegalStateException("Unsupported filter " + part.getType());
		};
	}

	private static Filter isNull(String path) {
		return Filter.property(path).notExists().or(Filter.property(path).eq(null));
	}

	private static Filter isNotNull(String path) {
		return Filter.property(path).exists().and(Filter.property(path).ne(null));
	}

	private Predicate<Object> predicate(Part part, Object[] bindable, int first) {
		SingleTablePersistentEntity<?> entity = this.plan.entity();
		SingleTablePersistentProperty property = entity.getRequiredPersistentProperty(part.getProperty().getSegment());
		Object value = (part.getNumberOfArguments() > 0) ? bindable[first] : null;
		Object second = (part.getNumberOfArguments() > 1) ? bindable[first + 1] : null;
		return (bean) -> {
			Object actual = entity.getPropertyAccessor(bean).getProperty(property);
			return switch (part.getType()) {
				case SIMPLE_PROPERTY -> same(actual, value);
				case NEGATING_SIMPLE_PROPERTY -> !same(actual, value);
				case LESS_THAN, BEFORE -> compare(actual, value) < 0;
				case LESS_THAN_EQUAL -> compare(actual, value) <= 0;
				case GREATER_THAN, AFTER -> actual != null && compare(actual, value) > 0;
				case GREATER_THAN_EQUAL -> actual != null && compare(actual, value) >= 0;
				case BETWEEN -> actual != null && compare(actual, value) >= 0 && compare(actual, second) <= 0;
				case STARTING_WITH -> actual != null && String.valueOf(actual).startsWith(String.valueOf(value));
				case CONTAINING -> contains(actual, value);
				case NOT_CONTAINING -> !contains(actual, value);
				case IN -> collection(value, part.getProperty().toDotPath()).stream().anyMatch((v) -> same(actual, v));
				case NOT_IN -> collection(value, part.getProperty().toDotPath()).stream().noneMatch((v) -> same(actual, v));
				case IS_NULL -> actual == null;
				case IS_NOT_NULL -> actual != null;
				case TRUE -> Boolean.TRUE.equals(actual);
				case FALSE -> Boolean.FALSE.equals(actual);
				default -> throw new IllegalStateException("Unsupported filter " + part.getType());
			};
		};
	}

	private static boolean same(@Nullable Object actual, @Nullable Object expected) {
		if (actual instanceof Number a && expected instanceof Number b) {
			return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
		}
		if (actual instanceof Enum<?> constant && expected instanceof String name) {
			return constant.name().equals(name);
		}
		return Objects.equals(actual, expected);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static int compare(@Nullable Object actual, @Nullable Object expected) {
		if (actual == null || expected == null) {
			return (actual == null) ? -1 : 1;
		}
		if (actual instanceof Number a && expected instanceof Number b) {
			return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString()));
		}
		return ((Comparable) actual).compareTo(expected);
	}

	private static boolean contains(@Nullable Object actual, @Nullable Object value) {
		if (actual instanceof Collection<?> collection) {
			return collection.stream().anyMatch((element) -> same(element, value));
		}
		return actual != null && String.valueOf(actual).contains(String.valueOf(value));
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
