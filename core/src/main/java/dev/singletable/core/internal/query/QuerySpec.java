package dev.singletable.core.internal.query;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.query.Filter;

/**
 * What a query reads, as an immutable value: built by the fluent {@link DefaultSingleTableQuery} (which
 * repository queries use too) and run by {@link QueryExecutor}.
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
	 * Returns the number of results a page holds.
	 */
	public int pageSize() {
		return (this.limit != null) ? this.limit : DEFAULT_LIMIT;
	}

	/**
	 * Whether items may be read that are not returned, besides other types' and expired ones.
	 */
	boolean filtering() {
		return this.filter != null || this.predicate != null;
	}

	/**
	 * Whether the query reads several partitions of its index, merged into one order.
	 */
	boolean merged() {
		return this.key.partitions().size() > 1;
	}

	/**
	 * Returns the query of one partition, with everything else of this one.
	 * @param partition the partition value
	 * @return the query of that partition
	 */
	QuerySpec partition(String partition) {
		return new QuerySpec(this.types, this.mixed, this.index, new KeyCondition(List.of(partition), this.key.sort()),
				this.filter, this.predicate, this.ascending, this.consistent, this.limit, this.offset, this.maxRequests,
				this.properties);
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
