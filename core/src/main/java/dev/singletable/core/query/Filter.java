package dev.singletable.core.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * A DynamoDB filter expression built from conditions on entity properties, evaluated by DynamoDB after the key
 * condition. Names and values are always sent as placeholders ({@code #n0}, {@code :v0}), so reserved words,
 * {@code #}, {@code :}, {@code .}, spaces and any value are safe: user input never becomes expression syntax.
 * <pre class="code">
 * Filter.property("status").eq(Status.OPEN).and(Filter.property("priority").ge(3))
 * </pre>
 * Properties are named by their Java names (nested ones with {@code .}); stored names are resolved by the
 * query. Properties of compressed types live inside the compressed {@code data} and cannot be filtered here
 * (use a client-side predicate, {@code where}, instead), except those declared
 * {@link dev.singletable.core.mapping.FilterMetadata @FilterMetadata}, which resolve to
 * {@code metadata.<stored name>}, the copy the latest item carries.
 */
public final class Filter {

	/**
	 * The kind of a filter node.
	 */
	public enum Operator {

		/** {@code a = b}. */
		EQ,
		/** {@code a <> b}. */
		NE,
		/** {@code a < b}. */
		LT,
		/** {@code a <= b}. */
		LE,
		/** {@code a > b}. */
		GT,
		/** {@code a >= b}. */
		GE,
		/** {@code a BETWEEN b AND c}. */
		BETWEEN,
		/** {@code a IN (b, ...)}. */
		IN,
		/** {@code begins_with(a, b)}. */
		BEGINS_WITH,
		/** {@code contains(a, b)}. */
		CONTAINS,
		/** {@code attribute_exists(a)}. */
		EXISTS,
		/** {@code attribute_not_exists(a)}. */
		NOT_EXISTS,
		/** Conjunction of the operands. */
		AND,
		/** Disjunction of the operands. */
		OR,
		/** Negation of the operand. */
		NOT,
		/**
		 * The operand, on the items of one type of a query over several ({@link Filter#forType}); the type is the
		 * one value. Items of the other types pass.
		 */
		TYPE

	}

	private final Operator operator;

	private final @Nullable String path;

	private final boolean rawAttribute;

	private final List<@Nullable Object> values;

	private final List<Filter> operands;

	private Filter(Operator operator, @Nullable String path, boolean rawAttribute, List<@Nullable Object> values,
			List<Filter> operands) {
		this.operator = operator;
		this.path = path;
		this.rawAttribute = rawAttribute;
		this.values = values;
		this.operands = operands;
	}

	/**
	 * Starts a condition on an entity property (Java name; nested with {@code .}).
	 * @param property the property path
	 * @return the condition step
	 */
	public static Condition property(String property) {
		Assert.hasText(property, "Property must not be empty");
		return new Condition(property, false);
	}

	/**
	 * Starts a condition on a stored attribute, named exactly as stored (for example {@code gsi1pk} or a
	 * Python field name). The name is used as one attribute, dots included.
	 * @param attribute the attribute name
	 * @return the condition step
	 */
	public static Condition attribute(String attribute) {
		Assert.hasText(attribute, "Attribute must not be empty");
		return new Condition(attribute, true);
	}

	/**
	 * Combines this filter with another so both must hold.
	 * @param other the other filter
	 * @return the conjunction
	 */
	public Filter and(Filter other) {
		return combine(Operator.AND, other);
	}

	/**
	 * Combines this filter with another so either may hold.
	 * @param other the other filter
	 * @return the disjunction
	 */
	public Filter or(Filter other) {
		return combine(Operator.OR, other);
	}

	/**
	 * Negates a filter.
	 * @param filter the filter
	 * @return the negation
	 */
	public static Filter not(Filter filter) {
		Assert.notNull(filter, "Filter must not be null");
		return new Filter(Operator.NOT, null, false, List.of(), List.of(filter));
	}

	/**
	 * Applies a filter to the items of one type of a query over several types (an item collection, a
	 * {@code queryAny}): the other types' items pass, and the filter's properties are that type's.
	 * <pre class="code">
	 * template.queryCollection("gsi1", Customer.class, Order.class, Invoice.class)
	 *     .partition("customer#c1")
	 *     .filter(Filter.forType(Invoice.class, Filter.property("paid").eq(false)))   // unpaid invoices only
	 *     .collection(null);
	 * </pre>
	 * On the server it is {@code gsitype <> :type OR (filter)}, the type named by its type-index value.
	 * @param type one of the query's types
	 * @param filter the filter of that type's items
	 * @return the filter
	 */
	public static Filter forType(Class<?> type, Filter filter) {
		Assert.notNull(type, "Type must not be null");
		Assert.notNull(filter, "Filter must not be null");
		return new Filter(Operator.TYPE, null, false, List.of(type), List.of(filter));
	}

	private Filter combine(Operator operator, Filter other) {
		Assert.notNull(other, "Filter must not be null");
		return new Filter(operator, null, false, List.of(), List.of(this, other));
	}

	/**
	 * Returns the operator.
	 * @return the operator
	 */
	public Operator getOperator() {
		return this.operator;
	}

	/**
	 * Returns the property or attribute this condition reads, {@literal null} for {@code AND}/{@code OR}/{@code NOT}.
	 * @return the path
	 */
	public @Nullable String getPath() {
		return this.path;
	}

	/**
	 * Whether {@link #getPath()} is a stored attribute name rather than a Java property path.
	 * @return {@literal true} for a raw attribute
	 */
	public boolean isRawAttribute() {
		return this.rawAttribute;
	}

	/**
	 * Returns the operand values.
	 * @return the values
	 */
	public List<@Nullable Object> getValues() {
		return this.values;
	}

	/**
	 * Returns the nested filters of {@code AND}/{@code OR}/{@code NOT}/{@code TYPE}.
	 * @return the operands
	 */
	public List<Filter> getOperands() {
		return this.operands;
	}

	@Override
	public String toString() {
		return switch (this.operator) {
			case AND, OR -> "(" + this.operands.get(0) + " " + this.operator + " " + this.operands.get(1) + ")";
			case NOT -> "NOT " + this.operands.get(0);
			case TYPE -> "(" + ((Class<?>) this.values.get(0)).getSimpleName() + ": " + this.operands.get(0) + ")";
			default -> this.path + " " + this.operator + " " + this.values;
		};
	}

	/**
	 * The step that names the comparison of a condition.
	 */
	public static final class Condition {

		private final String path;

		private final boolean raw;

		private Condition(String path, boolean raw) {
			this.path = path;
			this.raw = raw;
		}

		private Filter of(Operator operator, @Nullable Object... values) {
			List<@Nullable Object> list = Collections.unmodifiableList(new ArrayList<>(Arrays.asList(values)));
			return new Filter(operator, this.path, this.raw, list, List.of());
		}

		/**
		 * Equal to the value.
		 * @param value the value
		 * @return the filter
		 */
		public Filter eq(@Nullable Object value) {
			return of(Operator.EQ, value);
		}

		/**
		 * Not equal to the value.
		 * @param value the value
		 * @return the filter
		 */
		public Filter ne(@Nullable Object value) {
			return of(Operator.NE, value);
		}

		/**
		 * Less than the value.
		 * @param value the value
		 * @return the filter
		 */
		public Filter lt(Object value) {
			return of(Operator.LT, value);
		}

		/**
		 * Less than or equal to the value.
		 * @param value the value
		 * @return the filter
		 */
		public Filter le(Object value) {
			return of(Operator.LE, value);
		}

		/**
		 * Greater than the value.
		 * @param value the value
		 * @return the filter
		 */
		public Filter gt(Object value) {
			return of(Operator.GT, value);
		}

		/**
		 * Greater than or equal to the value.
		 * @param value the value
		 * @return the filter
		 */
		public Filter ge(Object value) {
			return of(Operator.GE, value);
		}

		/**
		 * Between two values, inclusive.
		 * @param low the lower bound
		 * @param high the upper bound
		 * @return the filter
		 */
		public Filter between(Object low, Object high) {
			return of(Operator.BETWEEN, low, high);
		}

		/**
		 * Equal to one of the values (1 to 100 values).
		 * @param values the values
		 * @return the filter
		 */
		public Filter in(Object... values) {
			Assert.isTrue(values.length >= 1 && values.length <= 100, "IN takes 1 to 100 values");
			return of(Operator.IN, values);
		}

		/**
		 * A string starting with the prefix.
		 * @param prefix the prefix
		 * @return the filter
		 */
		public Filter beginsWith(String prefix) {
			return of(Operator.BEGINS_WITH, prefix);
		}

		/**
		 * A string containing the value, or a set or list containing the element.
		 * @param value the value
		 * @return the filter
		 */
		public Filter contains(Object value) {
			return of(Operator.CONTAINS, value);
		}

		/**
		 * The attribute exists (and may be NULL).
		 * @return the filter
		 */
		public Filter exists() {
			return of(Operator.EXISTS);
		}

		/**
		 * The attribute does not exist.
		 * @return the filter
		 */
		public Filter notExists() {
			return of(Operator.NOT_EXISTS);
		}

	}

}
