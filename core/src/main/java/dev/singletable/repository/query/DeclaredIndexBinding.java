package dev.singletable.repository.query;

import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.util.StringUtils;

import dev.singletable.core.internal.query.IndexOrder;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.query.InvalidSortException;
import dev.singletable.repository.IndexQuery;

/**
 * A query declared with {@link IndexQuery @IndexQuery}: the first parameter is the partition key value, the
 * next ones the operands of the sort key condition, passed to DynamoDB as they are.
 */
final class DeclaredIndexBinding implements QueryBinding {

	private final IndexQuery declaration;

	private final SingleTableQueryMethod method;

	private final SingleTablePersistentEntity<?> entity;

	/**
	 * Creates the query, checking the parameter count against the declaration.
	 * @param method the query method
	 * @param entity the entity it reads, whose index order decides which sort a call may ask for
	 */
	DeclaredIndexBinding(SingleTableQueryMethod method, SingleTablePersistentEntity<?> entity) {
		this.method = method;
		this.entity = entity;
		IndexQuery declaration = method.getIndexQuery();
		if (declaration == null) {
			throw new IllegalArgumentException(method.describe() + " has no @IndexQuery");
		}
		this.declaration = declaration;
		int needed = 1 + declaration.sort().getOperands();
		int bindable = method.getParameters().getBindableParameters().getNumberOfParameters();
		if (bindable != needed) {
			throw new UnsupportedQueryMethodException("Cannot create " + method.describe() + ": @IndexQuery with sort "
					+ declaration.sort() + " takes " + needed + " key parameters (partition" + ((needed > 1) ? " and "
							+ declaration.sort().getOperands() + " sort operand(s)" : "")
					+ ") but the method has " + bindable + ".", UnsupportedQueryMethodException.Reason.PARAMETERS);
		}
	}

	@Override
	public void bind(QueryTarget query, Object[] bindable, Sort sort) {
		if (StringUtils.hasText(this.declaration.index())) {
			query.index(this.declaration.index());
		}
		else {
			query.table();
		}
		query.partition(bindable[0]);
		switch (this.declaration.sort()) {
			case NONE -> {
			}
			case EQUALS -> query.sortEquals(bindable[1]);
			case LESS_THAN -> query.sortLessThan(bindable[1]);
			case LESS_THAN_OR_EQUAL -> query.sortLessThanOrEqual(bindable[1]);
			case GREATER_THAN -> query.sortGreaterThan(bindable[1]);
			case GREATER_THAN_OR_EQUAL -> query.sortGreaterThanOrEqual(bindable[1]);
			case BETWEEN -> query.sortBetween(bindable[1], bindable[2]);
			case BEGINS_WITH -> query.sortBeginsWith(String.valueOf(bindable[1]));
		}
		boolean descending = this.declaration.descending();
		if (sort.isSorted()) {
			// the same rule as a derived query: only the order the index returns
			if (!StringUtils.hasText(this.declaration.index())) {
				throw new InvalidSortException("Cannot run " + this.method.describe() + " sorted by " + sort + ": it "
						+ "reads the table, whose sort key sk no property follows, so it supports no sort by a "
						+ "property; declare descending = true for the reverse order", List.of());
			}
			descending = Boolean.FALSE.equals(IndexOrder.of(this.entity, this.declaration.index())
				.direction(sort, "run " + this.method.describe()));
		}
		if (descending) {
			query.descending();
		}
	}

}
