package dev.singletable.core.internal.item;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.query.Filter;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Builds expressions in which every attribute name and every value is a placeholder, so that no name or value
 * can change the expression's syntax.
 */
public final class ExpressionBuilder {

	private final Map<String, String> names = new HashMap<>();

	private final Map<String, String> nameAliases = new HashMap<>();

	private final Map<String, AttributeValue> values = new HashMap<>();

	public String name(String attribute) {
		return this.nameAliases.computeIfAbsent(attribute, (key) -> {
			String alias = "#n" + this.names.size();
			this.names.put(alias, key);
			return alias;
		});
	}

	String path(List<String> segments) {
		StringBuilder path = new StringBuilder();
		for (String segment : segments) {
			if (!path.isEmpty()) {
				path.append('.');
			}
			path.append(name(segment));
		}
		return path.toString();
	}

	public String value(AttributeValue value) {
		String alias = ":v" + this.values.size();
		this.values.put(alias, value);
		return alias;
	}

	/**
	 * Renders a filter.
	 * @param filter the filter
	 * @param paths resolves a filter's path to stored attribute segments
	 * @param converter converts operand values
	 */
	public String render(Filter filter, Function<Filter, List<String>> paths,
			Function<@Nullable Object, AttributeValue> converter) {
		return switch (filter.getOperator()) {
			case AND, OR -> "(" + render(filter.getOperands().get(0), paths, converter) + " " + filter.getOperator() + " "
					+ render(filter.getOperands().get(1), paths, converter) + ")";
			case NOT -> "(NOT " + render(filter.getOperands().get(0), paths, converter) + ")";
			case EXISTS -> "attribute_exists(" + path(paths.apply(filter)) + ")";
			case NOT_EXISTS -> "attribute_not_exists(" + path(paths.apply(filter)) + ")";
			case BEGINS_WITH -> "begins_with(" + path(paths.apply(filter)) + ", "
					+ value(converter.apply(filter.getValues().get(0))) + ")";
			case CONTAINS -> "contains(" + path(paths.apply(filter)) + ", "
					+ value(converter.apply(filter.getValues().get(0))) + ")";
			case BETWEEN -> path(paths.apply(filter)) + " BETWEEN " + value(converter.apply(filter.getValues().get(0)))
					+ " AND " + value(converter.apply(filter.getValues().get(1)));
			case IN -> {
				String path = path(paths.apply(filter));
				StringBuilder list = new StringBuilder();
				for (Object value : filter.getValues()) {
					list.append(list.isEmpty() ? "" : ", ").append(value(converter.apply(value)));
				}
				yield path + " IN (" + list + ")";
			}
			case EQ, NE, LT, LE, GT, GE -> path(paths.apply(filter)) + " " + comparator(filter.getOperator()) + " "
					+ value(converter.apply(filter.getValues().get(0)));
			// a query resolves it first (ResolvedQuery); elsewhere no query's types are known
			case TYPE -> throw new IllegalArgumentException("Filter.forType(..) applies to a query's filter only, "
					+ "where the query's types are known: " + filter);
		};
	}

	private static String comparator(Filter.Operator operator) {
		return switch (operator) {
			case EQ -> "=";
			case NE -> "<>";
			case LT -> "<";
			case LE -> "<=";
			case GT -> ">";
			case GE -> ">=";
			default -> throw new IllegalStateException("Not a comparison: " + operator);
		};
	}

	public Map<String, String> names() {
		return this.names;
	}

	public @Nullable Map<String, AttributeValue> values() {
		return this.values.isEmpty() ? null : this.values;
	}

}
