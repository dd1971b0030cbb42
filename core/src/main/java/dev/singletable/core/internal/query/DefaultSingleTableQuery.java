package dev.singletable.core.internal.query;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import dev.singletable.core.internal.format.IndexValues;
import dev.singletable.core.internal.layout.ResourceIds;
import dev.singletable.core.internal.layout.TypeIndex;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.query.Filter;
import dev.singletable.core.query.QueryPage;
import dev.singletable.core.query.SingleTableQuery;

/**
 * The fluent {@link SingleTableQuery}: collects what the query reads into a {@link QuerySpec} and hands it to
 * the {@link QueryExecutor} at the terminal call.
 *
 * @param <T> the result type
 */
public final class DefaultSingleTableQuery<T> implements SingleTableQuery<T> {

	private final QueryExecutor executor;

	private final Map<String, SingleTablePersistentEntity<?>> types;

	private final boolean mixed;

	private @Nullable String index = TypeIndex.NAME;

	private List<String> partitions = List.of();

	private QuerySpec.@Nullable SortCondition sort;

	private boolean ascending = true;

	private boolean consistent;

	private @Nullable Filter filter;

	private @Nullable Predicate<Object> predicate;

	private @Nullable Integer limit;

	private long offset;

	private int maxRequests = QuerySpec.DEFAULT_MAX_REQUESTS;

	private List<String> properties = List.of();

	public DefaultSingleTableQuery(QueryExecutor executor, List<SingleTablePersistentEntity<?>> entities, boolean mixed) {
		this.executor = executor;
		this.mixed = mixed;
		Map<String, SingleTablePersistentEntity<?>> byPrefix = new TreeMap<>();
		for (SingleTablePersistentEntity<?> entity : entities) {
			SingleTablePersistentEntity<?> previous = byPrefix.put(entity.getPrefix(), entity);
			if (previous != null && previous != entity) {
				throw new IllegalArgumentException(previous.getType().getName() + " and " + entity.getType().getName()
						+ " share the prefix '" + entity.getPrefix() + "'; give one of them another prefix");
			}
		}
		this.types = Collections.unmodifiableMap(byPrefix);
	}

	@Override
	public SingleTableQuery<T> index(String index) {
		Assert.hasText(index, "Index name must not be empty");
		this.index = index;
		return this;
	}

	@Override
	public SingleTableQuery<T> table() {
		this.index = null;
		return this;
	}

	@Override
	public SingleTableQuery<T> id(String id) {
		if (this.mixed) {
			throw new IllegalArgumentException("id(..) reads one type; start the query with query(type)");
		}
		SingleTablePersistentEntity<?> entity = this.types.values().iterator().next();
		String pk = ResourceIds.partitionKey(entity, ResourceIds.check(entity.getType(), id));
		this.index = null;
		this.partitions = List.of(pk);
		this.sort = new QuerySpec.SortCondition(QuerySpec.SortOperator.EQ,
				List.of(entity.isVersioned() ? ResourceIds.versionKey(0) : pk));
		return this;
	}

	@Override
	public SingleTableQuery<T> partition(Object value) {
		this.partitions = List.of(renderPartition(value));
		return this;
	}

	@Override
	public SingleTableQuery<T> partitionIn(Collection<?> values) {
		Assert.notNull(values, "Partition values must not be null");
		Set<String> partitions = new LinkedHashSet<>();
		values.forEach((value) -> partitions.add(renderPartition(value)));
		Assert.isTrue(!partitions.isEmpty(), "partitionIn(..) needs at least one partition value");
		if (partitions.size() > MAX_PARTITIONS) {
			throw new IllegalArgumentException("partitionIn(..) reads one partition per value, at most "
					+ MAX_PARTITIONS + ", but got " + partitions.size() + " values; split the query, or declare an "
					+ "index that groups these items under one partition");
		}
		this.partitions = List.copyOf(partitions);
		return this;
	}

	private static String renderPartition(@Nullable Object value) {
		Assert.notNull(value, "Partition value must not be null");
		String partition = IndexValues.renderPlain(value);
		Assert.hasText(partition, "Partition value must not be empty");
		return partition;
	}

	@Override
	public SingleTableQuery<T> sortEquals(Object value) {
		return sort(QuerySpec.SortOperator.EQ, value);
	}

	@Override
	public SingleTableQuery<T> sortLessThan(Object value) {
		return sort(QuerySpec.SortOperator.LT, value);
	}

	@Override
	public SingleTableQuery<T> sortLessThanOrEqual(Object value) {
		return sort(QuerySpec.SortOperator.LE, value);
	}

	@Override
	public SingleTableQuery<T> sortGreaterThan(Object value) {
		return sort(QuerySpec.SortOperator.GT, value);
	}

	@Override
	public SingleTableQuery<T> sortGreaterThanOrEqual(Object value) {
		return sort(QuerySpec.SortOperator.GE, value);
	}

	@Override
	public SingleTableQuery<T> sortBetween(Object low, Object high) {
		return sort(QuerySpec.SortOperator.BETWEEN, low, high);
	}

	@Override
	public SingleTableQuery<T> sortBeginsWith(String prefix) {
		Assert.notNull(prefix, "Sort key value must not be null");
		if (prefix.isEmpty()) {
			// every sort key starts with "", and DynamoDB refuses an empty key value: no condition
			this.sort = null;
			return this;
		}
		return sort(QuerySpec.SortOperator.BEGINS_WITH, prefix);
	}

	private SingleTableQuery<T> sort(QuerySpec.SortOperator operator, Object... values) {
		for (Object value : values) {
			Assert.notNull(value, "Sort key value must not be null");
		}
		this.sort = new QuerySpec.SortCondition(operator, Arrays.stream(values).map(IndexValues::render).toList());
		return this;
	}

	@Override
	public SingleTableQuery<T> ascending() {
		this.ascending = true;
		return this;
	}

	@Override
	public SingleTableQuery<T> descending() {
		this.ascending = false;
		return this;
	}

	@Override
	public SingleTableQuery<T> consistentRead() {
		this.consistent = true;
		return this;
	}

	@Override
	public SingleTableQuery<T> filter(Filter filter) {
		Assert.notNull(filter, "Filter must not be null");
		this.filter = (this.filter != null) ? this.filter.and(filter) : filter;
		return this;
	}

	@Override
	@SuppressWarnings("unchecked")
	public SingleTableQuery<T> where(Predicate<? super T> predicate) {
		Assert.notNull(predicate, "Predicate must not be null");
		Predicate<Object> added = (item) -> ((Predicate<Object>) predicate).test(item);
		this.predicate = (this.predicate != null) ? this.predicate.and(added) : added;
		return this;
	}

	@Override
	public SingleTableQuery<T> where(Filter filter) {
		Assert.notNull(filter, "Filter must not be null");
		if (this.mixed) {
			throw new IllegalArgumentException("where(Filter) names properties of one type; a query over several "
					+ "types takes filter(Filter.attribute(..)) or where(predicate)");
		}
		Predicate<Object> matcher = FilterMatcher.of(filter, this.types.values().iterator().next());
		this.predicate = (this.predicate != null) ? this.predicate.and(matcher) : matcher;
		return this;
	}

	@Override
	public SingleTableQuery<T> select(String... properties) {
		Assert.noNullElements(properties, "Properties must not be null");
		this.properties = List.of(properties);
		return this;
	}

	@Override
	public SingleTableQuery<T> limit(int limit) {
		Assert.isTrue(limit >= 1, "Limit must be at least 1");
		this.limit = limit;
		return this;
	}

	@Override
	public SingleTableQuery<T> offset(long offset) {
		Assert.isTrue(offset >= 0, "Offset must not be negative");
		this.offset = offset;
		return this;
	}

	@Override
	public SingleTableQuery<T> maxRequests(int maxRequests) {
		Assert.isTrue(maxRequests >= 1, "maxRequests must be at least 1");
		this.maxRequests = maxRequests;
		return this;
	}

	/**
	 * Returns what this query reads, as an immutable specification.
	 */
	QuerySpec spec() {
		return new QuerySpec(this.types, this.mixed, this.index, new QuerySpec.KeyCondition(this.partitions, this.sort),
				this.filter, this.predicate, this.ascending, this.consistent, this.limit, this.offset, this.maxRequests,
				this.properties);
	}

	@Override
	public QueryPage<T> page() {
		return page(null);
	}

	@Override
	public QueryPage<T> page(@Nullable String cursor) {
		QuerySpec spec = spec();
		return this.executor.observations()
			.observeQuery("query.page", spec.types().values(), spec.index(),
						() -> this.executor.page(spec, cursor, spec.pageSize(), true, true));
	}

	@Override
	public QueryPage<T> pageBefore(@Nullable String cursor) {
		QuerySpec spec = spec();
		return this.executor.observations()
			.observeQuery("query.page", spec.types().values(), spec.index(),
						() -> this.executor.page(spec, cursor, spec.pageSize(), true, false));
	}

	@Override
	public Stream<T> stream() {
		return this.executor.stream(spec());
	}

	@Override
	public long count() {
		QuerySpec spec = spec();
		return this.executor.observations().observeQuery("query.count", spec.types().values(), spec.index(),
					() -> this.executor.count(spec));
	}

	@Override
	public Optional<T> first() {
		QuerySpec spec = spec();
		return this.executor.observations()
			.observeQuery("query.first", spec.types().values(), spec.index(),
						() -> this.executor.<T>page(spec, null, 1, false, true))
			.items()
			.stream()
			.findFirst();
	}

}
