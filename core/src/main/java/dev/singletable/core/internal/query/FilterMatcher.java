package dev.singletable.core.internal.query;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import dev.singletable.core.query.Filter;

/**
 * Evaluates a {@link Filter} on entities after they are read, as DynamoDB evaluates it on items: for compressed
 * types, whose properties DynamoDB cannot see. A {@literal null} property counts as a missing attribute
 * (comparisons, {@code begins_with} and {@code contains} on it are false); numbers compare by value, an enum
 * equals its name. Only top-level properties can be named.
 */
public final class FilterMatcher {

	private FilterMatcher() {
	}

	/**
	 * Returns the predicate of a filter on entities of one type.
	 * @param filter the filter
	 * @param entity the entity type
	 * @return the predicate
	 * @throws IllegalArgumentException when the filter names a stored attribute, a nested or an unknown property
	 */
	static Predicate<Object> of(Filter filter, SingleTablePersistentEntity<?> entity) {
		return switch (filter.getOperator()) {
			case AND -> of(filter.getOperands().get(0), entity).and(of(filter.getOperands().get(1), entity));
			case OR -> of(filter.getOperands().get(0), entity).or(of(filter.getOperands().get(1), entity));
			case NOT -> of(filter.getOperands().get(0), entity).negate();
			case TYPE -> ((Class<?>) filter.getValues().get(0)).isAssignableFrom(entity.getType())
					? of(filter.getOperands().get(0), entity) : (bean) -> true;
			default -> condition(filter, entity);
		};
	}

	private static Predicate<Object> condition(Filter filter, SingleTablePersistentEntity<?> entity) {
		String path = Objects.requireNonNull(filter.getPath());
		if (filter.isRawAttribute() || path.contains(".")) {
			throw new IllegalArgumentException("Cannot evaluate '" + path + "' on " + entity.getType().getSimpleName()
					+ " after reading: only top-level properties can be, not stored attributes or nested paths");
		}
		SingleTablePersistentProperty property = entity.getPersistentProperty(path);
		if (property == null) {
			throw new IllegalArgumentException(entity.getType().getSimpleName() + " has no property '" + path
					+ "' to filter on");
		}
		List<@Nullable Object> values = filter.getValues();
		return (bean) -> {
			Object actual = entity.getPropertyAccessor(bean).getProperty(property);
			return switch (filter.getOperator()) {
				case EQ -> same(actual, values.get(0));
				case NE -> !same(actual, values.get(0));
				case LT -> actual != null && compare(actual, values.get(0)) < 0;
				case LE -> actual != null && compare(actual, values.get(0)) <= 0;
				case GT -> actual != null && compare(actual, values.get(0)) > 0;
				case GE -> actual != null && compare(actual, values.get(0)) >= 0;
				case BETWEEN -> actual != null && compare(actual, values.get(0)) >= 0
						&& compare(actual, values.get(1)) <= 0;
				case IN -> values.stream().anyMatch((value) -> same(actual, value));
				case BEGINS_WITH -> actual != null && String.valueOf(actual).startsWith(String.valueOf(values.get(0)));
				case CONTAINS -> contains(actual, values.get(0));
				case EXISTS -> actual != null;
				case NOT_EXISTS -> actual == null;
				case AND, OR, NOT, TYPE -> throw new IllegalStateException("Not a condition: " + filter.getOperator());
			};
		};
	}

	private static boolean same(@Nullable Object actual, @Nullable Object expected) {
		if (actual instanceof Number a && expected instanceof Number b) {
			return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
		}
		if (actual instanceof Enum<?> constant && expected instanceof String name) {
			return constant.name().equals(name);
		}
		return Objects.equals(actual, expected);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static int compare(Object actual, @Nullable Object expected) {
		if (expected == null) {
			return 1;
		}
		if (actual instanceof Number a && expected instanceof Number b) {
			return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString()));
		}
		return ((Comparable) actual).compareTo(expected);
	}

	private static boolean contains(@Nullable Object actual, @Nullable Object value) {
		if (actual instanceof Collection<?> collection) {
			return collection.stream().anyMatch((element) -> same(element, value));
		}
		return actual != null && String.valueOf(actual).contains(String.valueOf(value));
	}

}
