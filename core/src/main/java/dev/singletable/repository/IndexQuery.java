package dev.singletable.repository;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a query method that passes raw key values to an index: the first parameter is the partition key
 * value, the next ones the sort key operands of {@link #sort()}; {@code Limit}, {@code Sort},
 * {@code ScrollPosition} and {@code Pageable} parameters may follow.
 * <pre class="code">
 * &#64;IndexQuery(index = "gsi3", sort = SortCondition.BETWEEN)
 * List&lt;Task&gt; findDue(String ownerKey, String from, String to);
 * </pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface IndexQuery {

	/**
	 * The index to query; empty for the table itself.
	 * @return the index name
	 */
	String index();

	/**
	 * The condition on the sort key.
	 * @return the condition
	 */
	SortCondition sort() default SortCondition.NONE;

	/**
	 * Whether results come in descending sort key order.
	 * @return {@literal true} for descending
	 */
	boolean descending() default false;

	/**
	 * Conditions on the sort key of an {@link IndexQuery}.
	 */
	enum SortCondition {

		/** No condition. */
		NONE(0),
		/** Equal to the operand. */
		EQUALS(1),
		/** Less than the operand. */
		LESS_THAN(1),
		/** Less than or equal to the operand. */
		LESS_THAN_OR_EQUAL(1),
		/** Greater than the operand. */
		GREATER_THAN(1),
		/** Greater than or equal to the operand. */
		GREATER_THAN_OR_EQUAL(1),
		/** Between the two operands, inclusive. */
		BETWEEN(2),
		/** Starting with the operand. */
		BEGINS_WITH(1);

		private final int operands;

		SortCondition(int operands) {
			this.operands = operands;
		}

		/**
		 * Returns how many parameters the condition takes.
		 * @return the number of operands
		 */
		public int getOperands() {
			return this.operands;
		}

	}

}
