package dev.singletable.core.spi;

import java.util.Collection;
import java.util.function.Predicate;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.query.AbstractQueryBuilder;
import dev.singletable.core.internal.query.CollectionPartitions;
import dev.singletable.core.internal.query.QuerySpec;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.query.Filter;
import dev.singletable.core.query.SingleTableQueryBuilder;

/**
 * What a query reads, as one immutable value that a module built on core makes without a template (a repository
 * method's plan, made at start-up and bound to each call's arguments) and then hands to a template's query
 * ({@link #applyTo}): each change is a copy, and its arguments are checked and rendered as the template's query
 * builder methods check and render them.
 */
public final class QueryDefinition {

	private final QuerySpec spec;

	private QueryDefinition(QuerySpec spec) {
		this.spec = spec;
	}

	/**
	 * Returns the query of one type as it starts: its listing on the type index, ascending, with the defaults.
	 * @param entity the type's entity
	 * @return the query
	 */
	public static QueryDefinition of(SingleTablePersistentEntity<?> entity) {
		return new QueryDefinition(QuerySpec.of(entity));
	}

	/**
	 * Checks that entity types share an index's partition template, so that one query reads their items together
	 * (an item collection).
	 * @param index the index
	 * @param converter reads the types' entities
	 * @param types the types
	 * @throws org.springframework.dao.InvalidDataAccessApiUsageException naming the types and templates that differ
	 */
	public static void requireSharedPartitions(String index, SingleTableConverter converter, Class<?>... types) {
		CollectionPartitions.requireShared(index, converter, types);
	}

	/**
	 * Makes a template's query read this query: its index, keys, filters, order and limits.
	 * @param <Q> the kind of the template's query (blocking or reactive)
	 * @param query a template's query of the same type
	 * @return that query
	 */
	public <Q extends SingleTableQueryBuilder<?, Q>> Q applyTo(Q query) {
		return AbstractQueryBuilder.reading(query, this.spec);
	}

	/**
	 * Reads an index.
	 * @param index the index name
	 * @return the changed query
	 */
	public QueryDefinition withIndex(String index) {
		return new QueryDefinition(this.spec.withIndex(index));
	}

	/**
	 * Reads the table.
	 * @return the changed query
	 */
	public QueryDefinition withTable() {
		return new QueryDefinition(this.spec.withTable());
	}

	/**
	 * Reads one resource by id, from the table.
	 * @param id the id
	 * @return the changed query
	 */
	public QueryDefinition withId(String id) {
		return new QueryDefinition(this.spec.withId(id));
	}

	/**
	 * Reads one partition.
	 * @param value the partition key's value, rendered as keys are
	 * @return the changed query
	 */
	public QueryDefinition withPartition(Object value) {
		return new QueryDefinition(this.spec.withPartition(value));
	}

	/**
	 * Reads one partition per value, merged in the index's order.
	 * @param values the partition key's values
	 * @return the changed query
	 */
	public QueryDefinition withPartitionIn(Collection<?> values) {
		return new QueryDefinition(this.spec.withPartitionIn(values));
	}

	/**
	 * Compares the sort key.
	 * @param operator the comparison
	 * @param values its operands (two for
	 * {@link SortOperator#BETWEEN}, else one)
	 * @return the changed query
	 */
	public QueryDefinition withSort(SortOperator operator, Object... values) {
		return new QueryDefinition(this.spec.withSort(QuerySpec.SortOperator.valueOf(operator.name()), values));
	}

	/**
	 * Reads the sort keys starting with a prefix (an empty one: no condition).
	 * @param prefix the prefix
	 * @return the changed query
	 */
	public QueryDefinition withSortBeginsWith(String prefix) {
		return new QueryDefinition(this.spec.withSortBeginsWith(prefix));
	}

	/**
	 * Sets the direction.
	 * @param ascending whether results come in ascending sort key order
	 * @return the changed query
	 */
	public QueryDefinition withAscending(boolean ascending) {
		return new QueryDefinition(this.spec.withAscending(ascending));
	}

	/**
	 * Adds a filter DynamoDB evaluates.
	 * @param filter the filter
	 * @return the changed query
	 */
	public QueryDefinition andFilter(Filter filter) {
		return new QueryDefinition(this.spec.andFilter(filter));
	}

	/**
	 * Adds a condition results must satisfy after reading.
	 * @param predicate the condition
	 * @return the changed query
	 */
	public QueryDefinition andWhere(Predicate<?> predicate) {
		return new QueryDefinition(this.spec.andWhere(predicate));
	}

	/**
	 * Adds a filter evaluated on results after reading.
	 * @param filter the filter
	 * @return the changed query
	 */
	public QueryDefinition andWhere(Filter filter) {
		return new QueryDefinition(this.spec.andWhere(filter));
	}

	/**
	 * Reads only some properties.
	 * @param properties their names
	 * @return the changed query
	 */
	public QueryDefinition withProperties(String... properties) {
		return new QueryDefinition(this.spec.withProperties(properties));
	}

	/**
	 * Sets the page size, or the cap of a stream.
	 * @param limit at least 1
	 * @return the changed query
	 */
	public QueryDefinition withLimit(int limit) {
		return new QueryDefinition(this.spec.withLimit(limit));
	}

	/**
	 * Sets how many results a stream skips before its first.
	 * @param offset not negative
	 * @return the changed query
	 */
	public QueryDefinition withOffset(long offset) {
		return new QueryDefinition(this.spec.withOffset(offset));
	}

	/** The query as core's query plans read it. */
	QuerySpec spec() {
		return this.spec;
	}

	@Override
	public String toString() {
		return this.spec.toString();
	}

	/**
	 * The comparisons a key condition allows on a sort key.
	 */
	public enum SortOperator {

		/** Equal to. */
		EQ,
		/** Less than. */
		LT,
		/** Less than or equal to. */
		LE,
		/** Greater than. */
		GT,
		/** Greater than or equal to. */
		GE,
		/** Between two values, both included. */
		BETWEEN,
		/** Starting with a prefix. */
		BEGINS_WITH

	}

}
