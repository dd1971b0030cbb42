package dev.singletable.repository.query;

import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.util.StringUtils;

import dev.singletable.core.spi.IndexOrdering;
import dev.singletable.core.spi.QueryDefinition;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.query.InvalidSortException;
import dev.singletable.repository.IndexQuery;

/**
 * A query declared with {@link IndexQuery @IndexQuery}: the first parameter is the partition key value, the
 * next ones the operands of the sort key condition, passed to DynamoDB as they are, bound into the query value of
 * the declared index made once when the repository is created.
 */
final class DeclaredIndexBinding implements QueryBinding {

	/** The declared index, empty for the table. */
	private final String index;

	private final IndexQuery.SortCondition condition;

	private final SingleTableQueryMethod method;

	private final SingleTablePersistentEntity<?> entity;

	/** The declared index (or the table) in the declared order, before any argument is bound. */
	private final QueryDefinition query;

	/**
	 * Creates the query, checking the parameter count against the declaration.
	 * @param method the query method
	 * @param entity the entity it reads, whose index order decides which sort a call may ask for
	 */
	DeclaredIndexBinding(SingleTableQueryMethod method, SingleTablePersistentEntity<?> entity) {
		this(method, entity, declaration(method).index(), declaration(method).sort(), declaration(method).descending());
	}

	/**
	 * Creates the query of a declaration an AOT repository states (what the method's {@link IndexQuery @IndexQuery}
	 * said at build time), checking the parameter count as the annotated one does.
	 * @param method the query method
	 * @param entity the entity it reads
	 * @param index the declared index, empty for the table
	 * @param condition the declared sort key condition
	 * @param descending whether the declared order is descending
	 */
	DeclaredIndexBinding(SingleTableQueryMethod method, SingleTablePersistentEntity<?> entity, String index,
			IndexQuery.SortCondition condition, boolean descending) {
		this.method = method;
		this.entity = entity;
		this.index = index;
		this.condition = condition;
		int needed = 1 + condition.getOperands();
		int bindable = method.getParameters().getBindableParameters().getNumberOfParameters();
		if (bindable != needed) {
			throw new UnsupportedQueryMethodException("Cannot create " + method.describe() + ": @IndexQuery with sort "
					+ condition + " takes " + needed + " key parameters (partition" + ((needed > 1) ? " and "
							+ condition.getOperands() + " sort operand(s)" : "")
					+ ") but the method has " + bindable + ".", UnsupportedQueryMethodException.Reason.PARAMETERS);
		}
		QueryDefinition query = QueryDefinition.of(entity);
		query = StringUtils.hasText(index) ? query.withIndex(index) : query.withTable();
		this.query = query.withAscending(!descending);
	}

	private static IndexQuery declaration(SingleTableQueryMethod method) {
		IndexQuery declaration = method.getIndexQuery();
		if (declaration == null) {
			throw new IllegalArgumentException(method.describe() + " has no @IndexQuery");
		}
		return declaration;
	}

	@Override
	public QueryDefinition bind(Object[] bindable, Sort sort) {
		QueryDefinition query = this.query.withPartition(bindable[0]);
		query = switch (this.condition) {
			case NONE -> query;
			case EQUALS -> query.withSort(QueryDefinition.SortOperator.EQ, bindable[1]);
			case LESS_THAN -> query.withSort(QueryDefinition.SortOperator.LT, bindable[1]);
			case LESS_THAN_OR_EQUAL -> query.withSort(QueryDefinition.SortOperator.LE, bindable[1]);
			case GREATER_THAN -> query.withSort(QueryDefinition.SortOperator.GT, bindable[1]);
			case GREATER_THAN_OR_EQUAL -> query.withSort(QueryDefinition.SortOperator.GE, bindable[1]);
			case BETWEEN -> query.withSort(QueryDefinition.SortOperator.BETWEEN, bindable[1], bindable[2]);
			case BEGINS_WITH -> query.withSortBeginsWith(String.valueOf(bindable[1]));
		};
		if (sort.isSorted()) {
			// the same rule as a derived query: only the order the index returns
			if (!StringUtils.hasText(this.index)) {
				throw new InvalidSortException("Cannot run " + this.method.describe() + " sorted by " + sort + ": it "
						+ "reads the table, whose sort key sk no property follows, so it supports no sort by a "
						+ "property; declare descending = true for the reverse order", List.of());
			}
			boolean descending = Boolean.FALSE.equals(IndexOrdering.of(this.entity, this.index)
				.direction(sort, "run " + this.method.describe()));
			query = query.withAscending(!descending);
		}
		return query;
	}

}
