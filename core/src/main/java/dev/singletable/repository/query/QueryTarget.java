package dev.singletable.repository.query;

import java.util.Collection;

import dev.singletable.core.query.Filter;
import dev.singletable.core.query.SingleTableQuery;

/**
 * The builder calls a query method's {@link QueryBinding} makes, on the query of either API: the blocking
 * {@link SingleTableQuery} ({@link #of(SingleTableQuery)}) or the reactive query
 * ({@code ReactiveSingleTableRepositoryQuery}'s target). Both queries collect the calls into the same
 * specification, so a method's arguments make the same query on either API, planned and bound once.
 */
interface QueryTarget {

	void index(String index);

	void table();

	void id(String id);

	void partition(Object value);

	void partitionIn(Collection<?> values);

	void sortEquals(Object value);

	void sortLessThan(Object value);

	void sortLessThanOrEqual(Object value);

	void sortGreaterThan(Object value);

	void sortGreaterThanOrEqual(Object value);

	void sortBetween(Object low, Object high);

	void sortBeginsWith(String prefix);

	void descending();

	/** A filter DynamoDB evaluates. */
	void filter(Filter filter);

	/** A filter evaluated after reading. */
	void where(Filter filter);

	/**
	 * The blocking query as a target.
	 * @param query the query
	 * @return the target
	 */
	static QueryTarget of(SingleTableQuery<?> query) {
		return new QueryTarget() {

			@Override
			public void index(String index) {
				query.index(index);
			}

			@Override
			public void table() {
				query.table();
			}

			@Override
			public void id(String id) {
				query.id(id);
			}

			@Override
			public void partition(Object value) {
				query.partition(value);
			}

			@Override
			public void partitionIn(Collection<?> values) {
				query.partitionIn(values);
			}

			@Override
			public void sortEquals(Object value) {
				query.sortEquals(value);
			}

			@Override
			public void sortLessThan(Object value) {
				query.sortLessThan(value);
			}

			@Override
			public void sortLessThanOrEqual(Object value) {
				query.sortLessThanOrEqual(value);
			}

			@Override
			public void sortGreaterThan(Object value) {
				query.sortGreaterThan(value);
			}

			@Override
			public void sortGreaterThanOrEqual(Object value) {
				query.sortGreaterThanOrEqual(value);
			}

			@Override
			public void sortBetween(Object low, Object high) {
				query.sortBetween(low, high);
			}

			@Override
			public void sortBeginsWith(String prefix) {
				query.sortBeginsWith(prefix);
			}

			@Override
			public void descending() {
				query.descending();
			}

			@Override
			public void filter(Filter filter) {
				query.filter(filter);
			}

			@Override
			public void where(Filter filter) {
				query.where(filter);
			}

		};
	}

}
