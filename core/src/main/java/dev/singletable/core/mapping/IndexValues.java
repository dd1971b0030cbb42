package dev.singletable.core.mapping;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.util.Set;
import java.util.UUID;

import dev.singletable.core.convert.StorageTimestamps;

/**
 * Renders values into index keys so that string order equals value order: timestamps as fixed-width UTC
 * ISO-8601, dates and times as ISO, integers as fixed-width 19-digit numbers (negative numbers as {@code -}
 * followed by the 19-digit distance from {@link Long#MAX_VALUE}, so they sort before positive ones), enums by
 * name. Used both when writing items and when building queries, so both sides agree.
 */
public final class IndexValues {

	private static final Set<Class<?>> SUPPORTED = Set.of(String.class, Boolean.class, boolean.class, Integer.class,
			int.class, Long.class, long.class, Short.class, short.class, Byte.class, byte.class, BigInteger.class,
			Instant.class, OffsetDateTime.class, LocalDate.class, LocalDateTime.class, LocalTime.class, YearMonth.class,
			Year.class, UUID.class, Character.class, char.class);

	private IndexValues() {
	}

	/**
	 * Whether values of a type can be rendered into an index key.
	 * @param type the property type
	 * @return {@literal true} when supported
	 */
	public static boolean isSupported(Class<?> type) {
		return SUPPORTED.contains(type) || type.isEnum();
	}

	/**
	 * Renders a value.
	 * @param value the value; must not be {@literal null}
	 * @return the order-preserving string
	 * @throws IllegalArgumentException for unsupported types
	 */
	public static String render(Object value) {
		if (value instanceof String text) {
			return text;
		}
		if (value instanceof Enum<?> constant) {
			return constant.name();
		}
		if (value instanceof Instant instant) {
			return StorageTimestamps.format(instant);
		}
		if (value instanceof OffsetDateTime dateTime) {
			return StorageTimestamps.format(dateTime.toInstant());
		}
		if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
			return integer(((Number) value).longValue());
		}
		if (value instanceof BigInteger big) {
			if (big.bitLength() >= 64) {
				throw new IllegalArgumentException("Integer " + big + " is out of the long range of index keys");
			}
			return integer(big.longValue());
		}
		if (value instanceof Boolean || value instanceof LocalDate || value instanceof LocalDateTime
				|| value instanceof LocalTime || value instanceof YearMonth || value instanceof Year
				|| value instanceof UUID || value instanceof Character) {
			return value.toString();
		}
		throw new IllegalArgumentException("Cannot render a " + value.getClass().getName()
				+ " into an index key in value order; use a String, number, enum, date or timestamp property, "
				+ "or a @ComputedIndexKey method");
	}

	private static String integer(long value) {
		if (value >= 0) {
			return String.format("%019d", value);
		}
		return "-" + String.format("%019d", Long.MAX_VALUE + value + 1);
	}

}
