package dev.singletable.internal.format;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;

import org.jspecify.annotations.Nullable;

/**
 * The one timestamp format of stored items, exactly what Python's {@code datetime.isoformat()} writes: ISO-8601
 * with six fraction digits, left out when they are all zero, and a numeric offset ({@code +00:00} for UTC), for
 * example {@code 2025-01-01T12:00:00.123456+00:00} and {@code 2025-01-01T12:00:00+00:00}; a local date-time (a
 * naive datetime in Python) has no offset. String order stays time order for timestamps of one offset, as the
 * type index needs: where the fraction is left out the offset's {@code +} follows the seconds, and {@code +}
 * sorts before the {@code .} of any fraction. Reading accepts any ISO-8601 date-time, with or without fraction,
 * with {@code Z} or an offset, or without offset (taken as UTC).
 */
public final class StorageTimestamps {

	private static final DateTimeFormatter WRITE = new DateTimeFormatterBuilder()
		.appendPattern("uuuu-MM-dd'T'HH:mm:ss")
		.appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
		.appendOffset("+HH:MM", "+00:00")
		.toFormatter();

	private static final DateTimeFormatter WRITE_WHOLE_SECONDS = new DateTimeFormatterBuilder()
		.appendPattern("uuuu-MM-dd'T'HH:mm:ss")
		.appendOffset("+HH:MM", "+00:00")
		.toFormatter();

	private static final DateTimeFormatter READ = new DateTimeFormatterBuilder()
		.append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
		.optionalStart()
		.appendOffsetId()
		.optionalEnd()
		.toFormatter()
		.withResolverStyle(ResolverStyle.STRICT);

	private StorageTimestamps() {
	}

	/**
	 * Returns the current time truncated to microseconds, the precision that survives a round trip.
	 * @param clock the clock to read
	 * @return the current instant
	 */
	public static Instant now(Clock clock) {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	/**
	 * Formats an instant in UTC.
	 * @param instant the instant
	 * @return the stored form
	 */
	public static String format(Instant instant) {
		return format(instant.atOffset(ZoneOffset.UTC));
	}

	/**
	 * Formats an offset date-time in its own offset.
	 * @param dateTime the date-time
	 * @return the stored form
	 */
	public static String format(OffsetDateTime dateTime) {
		int year = dateTime.getYear();
		int offsetSeconds = dateTime.getOffset().getTotalSeconds();
		int micros = dateTime.getNano() / 1000;
		if (year < 0 || year > 9999 || offsetSeconds % 60 != 0) {
			return ((micros != 0) ? WRITE : WRITE_WHOLE_SECONDS).format(dateTime);
		}
		// written by hand: this runs for every write and every index key
		char[] out = new char[32];
		int at = dateTimeDigits(out, year, dateTime.getMonthValue(), dateTime.getDayOfMonth(), dateTime.getHour(),
				dateTime.getMinute(), dateTime.getSecond(), micros);
		out[at] = (offsetSeconds < 0) ? '-' : '+';
		int offsetMinutes = Math.abs(offsetSeconds) / 60;
		digits(out, at + 1, offsetMinutes / 60, 2);
		out[at + 3] = ':';
		digits(out, at + 4, offsetMinutes % 60, 2);
		return new String(out, 0, at + 6);
	}

	/**
	 * Formats a local date-time as Python's {@code isoformat()} writes a naive datetime: no offset, six fraction
	 * digits left out when they are all zero ({@code 2025-01-01T12:00:05.600000}).
	 * @param dateTime the date-time
	 * @return the stored form
	 */
	public static String format(LocalDateTime dateTime) {
		int micros = dateTime.getNano() / 1000;
		if (dateTime.getYear() < 0 || dateTime.getYear() > 9999) {
			return dateTime.truncatedTo(ChronoUnit.MICROS).toString();
		}
		char[] out = new char[26];
		int at = dateTimeDigits(out, dateTime.getYear(), dateTime.getMonthValue(), dateTime.getDayOfMonth(),
				dateTime.getHour(), dateTime.getMinute(), dateTime.getSecond(), micros);
		return new String(out, 0, at);
	}

	/**
	 * Formats a local time as Python's {@code time.isoformat()} writes it: {@code 12:00:05.600000}, or
	 * {@code 12:00:05} when the fraction is zero.
	 * @param time the time
	 * @return the stored form
	 */
	public static String format(LocalTime time) {
		char[] out = new char[15];
		int at = timeDigits(out, 0, time.getHour(), time.getMinute(), time.getSecond(), time.getNano() / 1000);
		return new String(out, 0, at);
	}

	/** Writes {@code uuuu-MM-ddTHH:mm:ss[.ffffff]} and returns the position after it. */
	private static int dateTimeDigits(char[] out, int year, int month, int day, int hour, int minute, int second,
			int micros) {
		digits(out, 0, year, 4);
		out[4] = '-';
		digits(out, 5, month, 2);
		out[7] = '-';
		digits(out, 8, day, 2);
		out[10] = 'T';
		return timeDigits(out, 11, hour, minute, second, micros);
	}

	/** Writes {@code HH:mm:ss[.ffffff]} at {@code at} and returns the position after it. */
	private static int timeDigits(char[] out, int at, int hour, int minute, int second, int micros) {
		digits(out, at, hour, 2);
		out[at + 2] = ':';
		digits(out, at + 3, minute, 2);
		out[at + 5] = ':';
		digits(out, at + 6, second, 2);
		if (micros == 0) {
			return at + 8;
		}
		out[at + 8] = '.';
		digits(out, at + 9, micros, 6);
		return at + 15;
	}

	private static void digits(char[] out, int at, int value, int width) {
		for (int i = at + width - 1; i >= at; i--) {
			out[i] = (char) ('0' + value % 10);
			value /= 10;
		}
	}

	/**
	 * Formats an {@link Instant} or {@link OffsetDateTime}.
	 * @param value the value
	 * @return the stored form
	 * @throws IllegalArgumentException for other types
	 */
	public static String formatValue(Object value) {
		if (value instanceof Instant instant) {
			return format(instant);
		}
		if (value instanceof OffsetDateTime dateTime) {
			return format(dateTime);
		}
		throw new IllegalArgumentException("Not a timestamp: " + value.getClass().getName());
	}

	/**
	 * Parses a stored date-time.
	 * @param text the text
	 * @return the offset date-time (UTC when the text has no offset)
	 * @throws DateTimeParseException when the text is not an ISO-8601 date-time
	 */
	public static OffsetDateTime parse(String text) {
		OffsetDateTime stored = parseStoredForm(text);
		if (stored != null) {
			return stored;
		}
		TemporalAccessor parsed = READ.parse(text.trim());
		LocalDateTime local = LocalDateTime.from(parsed);
		ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(parsed) : ZoneOffset.UTC;
		return local.atOffset(offset);
	}

	/**
	 * Reads the exact form {@link #format(OffsetDateTime)} writes without the general ISO parser, which costs
	 * several times more and runs for every timestamp of every item read.
	 * @return the date-time, or {@literal null} when the text has another shape or invalid values (the general
	 * parser then reads it or explains what is wrong)
	 */
	private static @Nullable OffsetDateTime parseStoredForm(String text) {
		boolean fraction = text.length() == 32;
		if ((!fraction && text.length() != 25) || text.charAt(4) != '-' || text.charAt(7) != '-'
				|| text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
				|| (fraction && text.charAt(19) != '.')) {
			return null;
		}
		int offset = fraction ? 26 : 19;
		if ((text.charAt(offset) != '+' && text.charAt(offset) != '-') || text.charAt(offset + 3) != ':') {
			return null;
		}
		int year = number(text, 0, 4);
		int month = number(text, 5, 2);
		int day = number(text, 8, 2);
		int hour = number(text, 11, 2);
		int minute = number(text, 14, 2);
		int second = number(text, 17, 2);
		int micros = fraction ? number(text, 20, 6) : 0;
		int offsetHours = number(text, offset + 1, 2);
		int offsetMinutes = number(text, offset + 4, 2);
		if ((year | month | day | hour | minute | second | micros | offsetHours | offsetMinutes) < 0) {
			return null;
		}
		try {
			int sign = (text.charAt(offset) == '-') ? -1 : 1;
			return OffsetDateTime.of(year, month, day, hour, minute, second, micros * 1000,
					ZoneOffset.ofHoursMinutes(sign * offsetHours, sign * offsetMinutes));
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	/** Reads {@code width} decimal digits, or returns -1 if any is not a digit. */
	private static int number(String text, int at, int width) {
		int value = 0;
		for (int i = at; i < at + width; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	/**
	 * Parses a stored date-time to an instant.
	 * @param text the text
	 * @return the instant
	 */
	public static Instant parseInstant(String text) {
		return parse(text).toInstant();
	}

}
