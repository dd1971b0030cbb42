package dev.singletable.core.internal.query;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.util.Assert;

import dev.singletable.core.internal.format.IndexValues;
import dev.singletable.core.internal.layout.ResourceIds;
import dev.singletable.core.internal.layout.TypeIndex;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.query.Filter;
import dev.singletable.core.query.InvalidSortException;
import dev.singletable.core.query.SingleTableQuery;

/**
 * What a fluent query collects before its terminal call, and the one place its builder methods check and render
 * their arguments: the blocking {@link DefaultSingleTableQuery} and the reactive query
 * ({@code dev.singletable.core.reactive}) each hold one and hand every builder call to it, then read the
 * {@link #spec() QuerySpec} it makes.
 */
public final class QuerySpecBuilder {

	private final Map<String, SingleTablePersistentEntity<?>> types;

	private final boolean mixed;

	private @Nullable String index = TypeIndex.NAME;

	private List<String> partitions = List.of();

	private QuerySpec.@Nullable SortCondition sort;

	private boolean ascending = true;

	private Sort order = Sort.unsorted();

	private boolean consistent;

	private @Nullable Filter filter;

	private @Nullable Predicate<Object> predicate;

	private @Nullable Integer limit;

	private long offset;

	private int maxRequests = QuerySpec.DEFAULT_MAX_REQUESTS;

	private List<String> properties = List.of();

	public QuerySpecBuilder(List<SingleTablePersistentEntity<?>> entities, boolean mixed) {
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

	/**
	 * The direction a sort asks for, by {@link IndexOrder}'s rule for every type of the query that writes the index
	 * (all of them when none does, so that the refusal says so).
	 */
	private boolean ascending(Sort sort) {
		String names = String.join(", ", this.types.values().stream().map((e) -> e.getType().getSimpleName()).toList());
		String index = this.index;
		if (index == null) {
			throw new InvalidSortException("Cannot query " + names + " sorted by " + sort + ": a query of the table "
					+ "returns the items of one resource in the order of the table's sort key sk, which no property "
					+ "follows, so it supports no sort by a property; use ascending() or descending()", List.of());
		}
		List<SingleTablePersistentEntity<?>> writing = this.types.values()
			.stream()
			.filter((entity) -> TypeIndex.NAME.equals(index) || entity.getIndexDefinition(index) != null)
			.toList();
		Boolean ascending = null;
		for (SingleTablePersistentEntity<?> entity : writing.isEmpty() ? this.types.values() : writing) {
			ascending = IndexOrder.of(entity, index).direction(sort, "query " + entity.getType().getSimpleName());
		}
		return !Boolean.FALSE.equals(ascending);
	}

	public void index(String index) {
		Assert.hasText(index, "Index name must not be empty");
		this.index = index;
	}

	public void table() {
		this.index = null;
	}

	public void id(String id) {
		if (this.mixed) {
			throw new IllegalArgumentException("id(..) reads one type; start the query with query(type)");
		}
		SingleTablePersistentEntity<?> entity = this.types.values().iterator().next();
		String pk = ResourceIds.partitionKey(entity, ResourceIds.check(entity.getType(), id));
		this.index = null;
		this.partitions = List.of(pk);
		this.sort = new QuerySpec.SortCondition(QuerySpec.SortOperator.EQ,
				List.of(entity.isVersioned() ? ResourceIds.versionKey(0) : pk));
	}

	public void partition(Object value) {
		this.partitions = List.of(renderPartition(value));
	}

	public void partitionIn(Collection<?> values) {
		Assert.notNull(values, "Partition values must not be null");
		Set<String> partitions = new LinkedHashSet<>();
		values.forEach((value) -> partitions.add(renderPartition(value)));
		Assert.isTrue(!partitions.isEmpty(), "partitionIn(..) needs at least one partition value");
		if (partitions.size() > SingleTableQuery.MAX_PARTITIONS) {
			throw new IllegalArgumentException("partitionIn(..) reads one partition per value, at most "
					+ SingleTableQuery.MAX_PARTITIONS + ", but got " + partitions.size() + " values; split the query, "
					+ "or declare an index that groups these items under one partition");
		}
		this.partitions = List.copyOf(partitions);
	}

	private static String renderPartition(@Nullable Object value) {
		Assert.notNull(value, "Partition value must not be null");
		String partition = IndexValues.renderPlain(value);
		Assert.hasText(partition, "Partition value must not be empty");
		return partition;
	}

	public void sortBeginsWith(String prefix) {
		Assert.notNull(prefix, "Sort key value must not be null");
		if (prefix.isEmpty()) {
			// every sort key starts with "", and DynamoDB refuses an empty key value: no condition
			this.sort = null;
			return;
		}
		sort(QuerySpec.SortOperator.BEGINS_WITH, prefix);
	}

	public void sort(QuerySpec.SortOperator operator, Object... values) {
		for (Object value : values) {
			Assert.notNull(value, "Sort key value must not be null");
		}
		this.sort = new QuerySpec.SortCondition(operator, Arrays.stream(values).map(IndexValues::render).toList());
	}

	public void ascending(boolean ascending) {
		this.ascending = ascending;
		this.order = Sort.unsorted();
	}

	public void orderBy(Sort sort) {
		Assert.notNull(sort, "Sort must not be null");
		this.order = sort;
	}

	public void consistentRead() {
		this.consistent = true;
	}

	public void filter(Filter filter) {
		Assert.notNull(filter, "Filter must not be null");
		this.filter = (this.filter != null) ? this.filter.and(filter) : filter;
	}

	@SuppressWarnings("unchecked")
	public void where(Predicate<?> predicate) {
		Assert.notNull(predicate, "Predicate must not be null");
		Predicate<Object> added = (item) -> ((Predicate<Object>) predicate).test(item);
		this.predicate = (this.predicate != null) ? this.predicate.and(added) : added;
	}

	public void where(Filter filter) {
		Assert.notNull(filter, "Filter must not be null");
		if (this.mixed) {
			throw new IllegalArgumentException("where(Filter) names properties of one type; a query over several "
					+ "types takes filter(Filter.attribute(..)) or where(predicate)");
		}
		Predicate<Object> matcher = FilterMatcher.of(filter, this.types.values().iterator().next());
		this.predicate = (this.predicate != null) ? this.predicate.and(matcher) : matcher;
	}

	public void select(String... properties) {
		Assert.noNullElements(properties, "Properties must not be null");
		this.properties = List.of(properties);
	}

	public void limit(int limit) {
		Assert.isTrue(limit >= 1, "Limit must be at least 1");
		this.limit = limit;
	}

	public void offset(long offset) {
		Assert.isTrue(offset >= 0, "Offset must not be negative");
		this.offset = offset;
	}

	public void maxRequests(int maxRequests) {
		Assert.isTrue(maxRequests >= 1, "maxRequests must be at least 1");
		this.maxRequests = maxRequests;
	}

	/**
	 * Returns what the query reads, as an immutable specification.
	 */
	/**
	 * Returns the specification of the query as built so far.
	 * @return the specification
	 * @throws InvalidSortException when {@link #orderBy(Sort)} asked for an order the index does not return
	 */
	public QuerySpec spec() {
		boolean ascending = this.order.isSorted() ? ascending(this.order) : this.ascending;
		return new QuerySpec(this.types, this.mixed, this.index, new QuerySpec.KeyCondition(this.partitions, this.sort),
				this.filter, this.predicate, ascending, this.consistent, this.limit, this.offset, this.maxRequests,
				this.properties);
	}

}
