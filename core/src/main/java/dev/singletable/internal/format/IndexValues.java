package dev.singletable.internal.format;

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

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders values into index keys as they are stored: booleans as Python's {@code str()} writes them ({@code True},
 * {@code False}, what an f-string such as {@code f"flag#{self.active}"} gives), timestamps in the stored ISO-8601 form (UTC, as Python's
 * {@code isoformat()} writes them), dates and times as ISO, enums by their stored JSON value (so
 * {@code @JsonProperty("green")} renders {@code green}). Integers have three forms: the order-preserving one of
 * {@link #render(Object)} (fixed-width 19-digit numbers; negative numbers as {@code -} followed by the 19-digit
 * distance from {@link Long#MAX_VALUE}, so they sort before positive ones), plain decimal as Python's
 * {@code str()} writes it ({@link #renderPlain(Object)}), and zero-padded to a width as Python's {@code {n:05d}}
 * writes it ({@link #renderPadded(Object, int)}). {@code KeyTemplate} picks the form; writes and queries both
 * render through it, so both sides agree.
 */
public final class IndexValues {

	private static final ClassValue<String[]> ENUM_VALUES = new ClassValue<>() {

		@Override
		protected String[] computeValue(Class<?> type) {
			// Jackson's defaults: the storage mapper's settings change nothing of how enum constants are written
			JsonMapper mapper = JsonMapper.builder().build();
			Object[] constants = type.getEnumConstants();
			String[] stored = new String[constants.length];
			for (int i = 0; i < constants.length; i++) {
				JsonNode node = mapper.valueToTree(constants[i]);
				stored[i] = (node.isString() || node.isNumber()) ? node.asString() : ((Enum<?>) constants[i]).name();
			}
			return stored;
		}

	};

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
	 * Renders a value in its order-preserving form, the default of sort keys.
	 * @param value the value; must not be {@literal null}
	 * @return the order-preserving string
	 * @throws IllegalArgumentException for unsupported types
	 */
	public static String render(Object value) {
		if (value instanceof String text) {
			return text;
		}
		if (value instanceof Enum<?> constant) {
			return storedValue(constant);
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
		if (value instanceof LocalDateTime dateTime) {
			return StorageTimestamps.format(dateTime);
		}
		if (value instanceof LocalTime time) {
			return StorageTimestamps.format(time);
		}
		if (value instanceof Boolean bool) {
			return pythonBoolean(bool);
		}
		if (value instanceof LocalDate || value instanceof YearMonth || value instanceof Year
				|| value instanceof UUID || value instanceof Character) {
			return value.toString();
		}
		throw new IllegalArgumentException("Cannot render a " + value.getClass().getName()
				+ " into an index key in value order; use a String, number, enum, date or timestamp property, "
				+ "or a @ComputedIndexKey method");
	}

	/**
	 * Renders a value as Python's {@code str()} writes it into a key: integers as plain decimal ({@code 2},
	 * {@code -3}), everything else as {@link #render(Object)} does. The default of partition keys.
	 * @param value the value; must not be {@literal null}
	 * @return the rendered string
	 * @throws IllegalArgumentException for unsupported types
	 */
	public static String renderPlain(Object value) {
		if (isInteger(value)) {
			return value.toString();
		}
		return render(value);
	}

	/**
	 * Renders an integer zero-padded to at least {@code width} characters, as Python's {@code f"{n:05d}"} writes
	 * it ({@code 00042}, {@code -0042}).
	 * @param value the integer value; must not be {@literal null}
	 * @param width the minimum width
	 * @return the rendered string
	 * @throws IllegalArgumentException when the value is not an integer
	 */
	public static String renderPadded(Object value, int width) {
		if (!isInteger(value)) {
			throw new IllegalArgumentException("A zero-padded key form needs an integer, got a "
					+ value.getClass().getName());
		}
		String digits = value.toString();
		boolean negative = digits.startsWith("-");
		String magnitude = negative ? digits.substring(1) : digits;
		int pad = width - digits.length();
		return (pad <= 0) ? digits : (negative ? "-" : "") + "0".repeat(pad) + magnitude;
	}

	/**
	 * Whether values of a type take the integer forms ({@code :d}, {@code :0Nd}) of key templates.
	 * @param type the property type
	 * @return {@literal true} for integer types
	 */
	public static boolean isInteger(Class<?> type) {
		return type == Integer.class || type == int.class || type == Long.class || type == long.class
				|| type == Short.class || type == short.class || type == Byte.class || type == byte.class
				|| type == BigInteger.class;
	}

	private static boolean isInteger(Object value) {
		return isInteger(value.getClass());
	}

	/**
	 * A boolean as Python's {@code str()} (so an f-string such as {@code f"flag#{self.active}"}) writes it:
	 * {@code True} or {@code False}, so that keys written by either library are found by the other's queries.
	 */
	private static String pythonBoolean(boolean value) {
		return value ? "True" : "False";
	}

	private static String storedValue(Enum<?> constant) {
		return ENUM_VALUES.get(constant.getDeclaringClass())[constant.ordinal()];
	}

	private static String integer(long value) {
		if (value >= 0) {
			return String.format("%019d", value);
		}
		return "-" + String.format("%019d", Long.MAX_VALUE + value + 1);
	}

}
