package dev.singletable.core.internal.query;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.util.Assert;

import dev.singletable.internal.format.IndexValues;
import dev.singletable.core.internal.item.ResourceIds;
import dev.singletable.core.internal.item.TypeIndex;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.query.Filter;
import dev.singletable.core.query.InvalidSortException;
import dev.singletable.core.query.SingleTableQueryBuilder;

/**
 * What a query reads, as one immutable value: each change is a copy ({@code with...}, {@code and...}), and the one
 * place the builder methods' arguments are checked and rendered. The fluent queries of both APIs
 * ({@link AbstractQueryBuilder}) and the repositories' query methods (a plan made at start-up, bound to each call's
 * arguments) make one, and {@link dev.singletable.core.internal.query.run.QueryExecutor} or
 * {@link dev.singletable.core.internal.query.run.ReactiveQueryExecutor} runs it as it is.
 *
 * @param types the types returned, by prefix (sorted)
 * @param mixed whether the query reads several types ({@code queryAny}), each item as its own type
 * @param index the index, or {@literal null} for the table
 * @param key the key condition
 * @param filter the filter DynamoDB evaluates, or {@literal null}
 * @param predicate what results must satisfy after reading, or {@literal null}
 * @param ascending whether results come in ascending sort key order
 * @param consistent whether reads are strongly consistent
 * @param limit the page size, or the cap of a stream; {@literal null} for the default page size and no cap
 * @param offset how many results a stream skips before its first (pages and counts do not skip)
 * @param maxRequests how many requests one page may make
 * @param properties the properties to read (a {@code ProjectionExpression} for uncompressed types), empty for all
 */
public record QuerySpec(Map<String, SingleTablePersistentEntity<?>> types, boolean mixed, @Nullable String index,
		KeyCondition key, @Nullable Filter filter, @Nullable Predicate<Object> predicate, boolean ascending,
		boolean consistent, @Nullable Integer limit, long offset, int maxRequests, List<String> properties) {

	/** The page size when no limit is set. */
	static final int DEFAULT_LIMIT = 100;

	/** How many requests one page may make by default. */
	static final int DEFAULT_MAX_REQUESTS = 10;

	/**
	 * Returns the query of some types as it starts: their listing on the type index, ascending, with the defaults.
	 * @param entities the types' entities
	 * @param mixed whether the query reads several types, each item as its own type
	 * @return the query
	 * @throws IllegalArgumentException when two of the types share a prefix
	 */
	public static QuerySpec of(List<? extends SingleTablePersistentEntity<?>> entities, boolean mixed) {
		Map<String, SingleTablePersistentEntity<?>> byPrefix = new TreeMap<>();
		for (SingleTablePersistentEntity<?> entity : entities) {
			SingleTablePersistentEntity<?> previous = byPrefix.put(entity.getPrefix(), entity);
			if (previous != null && previous != entity && previous.getRootType() == entity.getRootType()) {
				throw new IllegalArgumentException(previous.getType().getName() + " and " + entity.getType().getName()
						+ " are both stored as " + entity.getRootType().getSimpleName() + "; query "
						+ entity.getRootType().getSimpleName() + ", which reads each item as its own type");
			}
			if (previous != null && previous != entity) {
				throw new IllegalArgumentException(previous.getType().getName() + " and " + entity.getType().getName()
						+ " share the prefix '" + entity.getPrefix() + "'; give one of them another prefix");
			}
		}
		return new QuerySpec(Collections.unmodifiableMap(byPrefix), mixed, TypeIndex.NAME,
				new KeyCondition(List.of(), null), null, null, true, false, null, 0, DEFAULT_MAX_REQUESTS, List.of());
	}

	/**
	 * Returns the query of one type as it starts (see {@link #of(List, boolean)}).
	 * @param entity the type's entity
	 * @return the query
	 */
	public static QuerySpec of(SingleTablePersistentEntity<?> entity) {
		return of(List.of(entity), false);
	}

	/**
	 * Returns the number of results a page holds.
	 */
	public int pageSize() {
		return (this.limit != null) ? this.limit : DEFAULT_LIMIT;
	}

	/**
	 * Whether items may be read that are not returned, besides other types' and expired ones.
	 */
	public boolean filtering() {
		return this.filter != null || this.predicate != null;
	}

	/**
	 * Whether the query reads several partitions of its index, merged into one order.
	 */
	public boolean merged() {
		return partitions().size() > 1;
	}

	/**
	 * Returns the partitions the query reads: those of its key, or, where it names none, the type index listing
	 * of a type spread over shards ({@link TypeIndex#partitions}); empty for the type index's default partition of
	 * a type that is not.
	 */
	public List<String> partitions() {
		if (this.key.partitions().isEmpty() && TypeIndex.NAME.equals(this.index) && this.types.size() == 1) {
			SingleTablePersistentEntity<?> entity = this.types.values().iterator().next();
			if (TypeIndex.spread(entity)) {
				return TypeIndex.partitions(entity);
			}
		}
		return this.key.partitions();
	}

	/**
	 * Returns the partitions of a key on this query's index: on the type index, the value of a type spread over
	 * shards stands for the type's own key and every shard's.
	 */
	private List<String> spread(Collection<String> partitions) {
		Set<String> read = new LinkedHashSet<>();
		for (String partition : partitions) {
			SingleTablePersistentEntity<?> entity = TypeIndex.NAME.equals(this.index) ? this.types.get(partition)
					: null;
			if (entity != null && TypeIndex.spread(entity) && partition.equals(TypeIndex.constantPartition(entity))) {
				read.addAll(TypeIndex.partitions(entity));
			}
			else {
				read.add(partition);
			}
		}
		return List.copyOf(read);
	}

	/**
	 * Returns the query of one partition as it is (never spread), with everything else of this one.
	 * @param partition the partition value
	 * @return the query of that partition
	 */
	public QuerySpec partition(String partition) {
		return withKey(this.index, new KeyCondition(List.of(partition), this.key.sort()));
	}

	/** This query reading the named index. */
	public QuerySpec withIndex(String index) {
		Assert.hasText(index, "Index name must not be empty");
		return withKey(index, this.key);
	}

	/** This query reading the table itself, on {@code pk}/{@code sk}. */
	public QuerySpec withTable() {
		return withKey(null, this.key);
	}

	/**
	 * This query reading the resource with an id: its partition and the sort key of its latest item, on the table.
	 * @throws IllegalArgumentException for a query of several types
	 */
	public QuerySpec withId(String id) {
		if (this.mixed) {
			throw new IllegalArgumentException("id(..) reads one type; start the query with query(type)");
		}
		SingleTablePersistentEntity<?> entity = this.types.values().iterator().next();
		String pk = ResourceIds.partitionKey(entity, ResourceIds.check(entity.getType(), id));
		return withKey(null, new KeyCondition(List.of(pk),
				new SortCondition(SortOperator.EQ, List.of(entity.isVersioned() ? ResourceIds.versionKey(0) : pk))));
	}

	/**
	 * This query reading one partition, its value rendered as a partition template renders it by default; on the
	 * type index, a type spread over shards is read on its own key and every shard's, merged.
	 */
	public QuerySpec withPartition(Object value) {
		return withKey(this.index, new KeyCondition(spread(List.of(renderPartition(value))), this.key.sort()));
	}

	/**
	 * This query reading several partitions, merged in the order of the index's sort key.
	 * @throws IllegalArgumentException for no values, or more than {@value SingleTableQueryBuilder#MAX_PARTITIONS}
	 * distinct ones
	 */
	public QuerySpec withPartitionIn(Collection<?> values) {
		Assert.notNull(values, "Partition values must not be null");
		Set<String> partitions = new LinkedHashSet<>();
		values.forEach((value) -> partitions.add(renderPartition(value)));
		Assert.isTrue(!partitions.isEmpty(), "partitionIn(..) needs at least one partition value");
		if (partitions.size() > SingleTableQueryBuilder.MAX_PARTITIONS) {
			throw new IllegalArgumentException("partitionIn(..) reads one partition per value, at most "
					+ SingleTableQueryBuilder.MAX_PARTITIONS + ", but got " + partitions.size() + " values; split the "
					+ "query, or declare an index that groups these items under one partition");
		}
		return withKey(this.index, new KeyCondition(spread(partitions), this.key.sort()));
	}

	private static String renderPartition(@Nullable Object value) {
		Assert.notNull(value, "Partition value must not be null");
		String partition = IndexValues.renderPlain(value);
		Assert.hasText(partition, "Partition value must not be empty");
		return partition;
	}

	/** This query with a sort key condition, its operands rendered as a sort template renders them by default. */
	public QuerySpec withSort(SortOperator operator, Object... values) {
		for (Object value : values) {
			Assert.notNull(value, "Sort key value must not be null");
		}
		return withKey(this.index, new KeyCondition(this.key.partitions(),
				new SortCondition(operator, Arrays.stream(values).map(IndexValues::render).toList())));
	}

	/** This query with sort keys starting with a prefix; an empty prefix is no condition. */
	public QuerySpec withSortBeginsWith(String prefix) {
		Assert.notNull(prefix, "Sort key value must not be null");
		if (prefix.isEmpty()) {
			// every sort key starts with "", and DynamoDB refuses an empty key value: no condition
			return withKey(this.index, new KeyCondition(this.key.partitions(), null));
		}
		return withSort(SortOperator.BEGINS_WITH, prefix);
	}

	private QuerySpec withKey(@Nullable String index, KeyCondition key) {
		return new QuerySpec(this.types, this.mixed, index, key, this.filter, this.predicate, this.ascending,
				this.consistent, this.limit, this.offset, this.maxRequests, this.properties);
	}

	/** This query in ascending or descending sort key order. */
	public QuerySpec withAscending(boolean ascending) {
		return new QuerySpec(this.types, this.mixed, this.index, this.key, this.filter, this.predicate, ascending,
				this.consistent, this.limit, this.offset, this.maxRequests, this.properties);
	}

	/**
	 * This query in the order a Spring Data {@link Sort} asks for, by {@link IndexOrder}'s rule for every type of
	 * the query that writes its index (all of them when none does, so that the refusal says so); unsorted keeps
	 * the order.
	 * @throws InvalidSortException when the index does not return that order
	 */
	public QuerySpec ordered(Sort sort) {
		Assert.notNull(sort, "Sort must not be null");
		if (sort.isUnsorted()) {
			return this;
		}
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
		return withAscending(!Boolean.FALSE.equals(ascending));
	}

	/** This query read with strong consistency. */
	public QuerySpec withConsistentRead() {
		return new QuerySpec(this.types, this.mixed, this.index, this.key, this.filter, this.predicate,
				this.ascending, true, this.limit, this.offset, this.maxRequests, this.properties);
	}

	/** This query with a filter DynamoDB evaluates, combined with the one before by AND. */
	public QuerySpec andFilter(Filter filter) {
		Assert.notNull(filter, "Filter must not be null");
		return new QuerySpec(this.types, this.mixed, this.index, this.key,
				(this.filter != null) ? this.filter.and(filter) : filter, this.predicate, this.ascending,
				this.consistent, this.limit, this.offset, this.maxRequests, this.properties);
	}

	/** This query with a predicate results must satisfy after reading, combined with the one before by AND. */
	@SuppressWarnings("unchecked")
	public QuerySpec andWhere(Predicate<?> predicate) {
		Assert.notNull(predicate, "Predicate must not be null");
		return andPredicate((item) -> ((Predicate<Object>) predicate).test(item));
	}

	/**
	 * This query with a filter evaluated on each result after reading, combined with the one before by AND.
	 * @throws IllegalArgumentException for a query of several types
	 */
	public QuerySpec andWhere(Filter filter) {
		Assert.notNull(filter, "Filter must not be null");
		if (this.mixed) {
			if (!typedOnly(filter)) {
				throw new IllegalArgumentException("where(Filter) names properties of one type; a query over several "
						+ "types takes where(Filter.forType(type, ..)), filter(Filter.attribute(..)) or where(predicate)");
			}
			// each type's items (a hierarchy root's: every concrete type's) are matched by the conditions on that type;
			// the others pass them
			Map<Class<?>, Predicate<Object>> byType = new HashMap<>();
			this.types.values().forEach((entity) -> byType.put(entity.getType(), FilterMatcher.of(filter, entity)));
			return andPredicate((item) -> {
				for (Map.Entry<Class<?>, Predicate<Object>> type : byType.entrySet()) {
					if (type.getKey().isInstance(item)) {
						return type.getValue().test(item);
					}
				}
				return true;
			});
		}
		return andPredicate(FilterMatcher.of(filter, this.types.values().iterator().next()));
	}

	/** Whether every condition of a filter is inside a {@link Filter#forType} one. */
	private static boolean typedOnly(Filter filter) {
		return switch (filter.getOperator()) {
			case TYPE -> true;
			case AND, OR, NOT -> filter.getOperands().stream().allMatch(QuerySpec::typedOnly);
			default -> false;
		};
	}

	private QuerySpec andPredicate(Predicate<Object> added) {
		return new QuerySpec(this.types, this.mixed, this.index, this.key, this.filter,
				(this.predicate != null) ? this.predicate.and(added) : added, this.ascending, this.consistent,
				this.limit, this.offset, this.maxRequests, this.properties);
	}

	/** This query reading only some properties; none reads whole items. */
	public QuerySpec withProperties(String... properties) {
		Assert.noNullElements(properties, "Properties must not be null");
		return new QuerySpec(this.types, this.mixed, this.index, this.key, this.filter, this.predicate,
				this.ascending, this.consistent, this.limit, this.offset, this.maxRequests, List.of(properties));
	}

	/** This query with a page size (the cap of a stream), at least 1. */
	public QuerySpec withLimit(int limit) {
		Assert.isTrue(limit >= 1, "Limit must be at least 1");
		return new QuerySpec(this.types, this.mixed, this.index, this.key, this.filter, this.predicate,
				this.ascending, this.consistent, limit, this.offset, this.maxRequests, this.properties);
	}

	/** This query skipping the first results of a stream, at least 0. */
	public QuerySpec withOffset(long offset) {
		Assert.isTrue(offset >= 0, "Offset must not be negative");
		return new QuerySpec(this.types, this.mixed, this.index, this.key, this.filter, this.predicate,
				this.ascending, this.consistent, this.limit, offset, this.maxRequests, this.properties);
	}

	/** This query with a cap on the requests of one page, at least 1. */
	public QuerySpec withMaxRequests(int maxRequests) {
		Assert.isTrue(maxRequests >= 1, "maxRequests must be at least 1");
		return new QuerySpec(this.types, this.mixed, this.index, this.key, this.filter, this.predicate,
				this.ascending, this.consistent, this.limit, this.offset, maxRequests, this.properties);
	}

	/**
	 * The key condition: equality on the partition key (or, for a merged query, one of several values) and an
	 * optional condition on the sort key.
	 *
	 * @param partitions the partition values, distinct, in the order given; empty for the type index's default
	 * partition of a type
	 * @param sort the sort key condition, or {@literal null}
	 */
	public record KeyCondition(List<String> partitions, @Nullable SortCondition sort) {

		public KeyCondition {
			partitions = List.copyOf(partitions);
		}

		/**
		 * Returns the one partition read, or {@literal null} for the default partition.
		 * @throws IllegalStateException for a merged query, which reads each partition on its own
		 */
		@Nullable String partition() {
			if (this.partitions.size() > 1) {
				throw new IllegalStateException("A merged query reads each of its partitions as a query of its own");
			}
			return this.partitions.isEmpty() ? null : this.partitions.get(0);
		}

	}

	/**
	 * A condition on the sort key, with its values rendered as key strings.
	 *
	 * @param operator the comparison
	 * @param values its operands (two for {@link SortOperator#BETWEEN}, else one)
	 */
	public record SortCondition(SortOperator operator, List<String> values) {
	}

	/**
	 * The comparisons a key condition allows on a sort key.
	 */
	public enum SortOperator {

		EQ, LT, LE, GT, GE, BETWEEN, BEGINS_WITH

	}

}
