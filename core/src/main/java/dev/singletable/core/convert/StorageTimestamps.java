package dev.singletable.core.convert;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;

/**
 * The one timestamp format of stored items: ISO-8601 with microseconds and a numeric offset, for example
 * {@code 2025-01-01T12:00:00.123456+00:00}. That is what Python's {@code datetime.isoformat()} writes for an
 * aware UTC time, and its fixed width keeps string order equal to time order in sort keys. Reading accepts any
 * ISO-8601 date-time, with or without fraction, with {@code Z} or an offset, or without offset (taken as UTC).
 */
public final class StorageTimestamps {

	private static final DateTimeFormatter WRITE = new DateTimeFormatterBuilder()
		.appendPattern("uuuu-MM-dd'T'HH:mm:ss")
		.appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
		.appendOffset("+HH:MM", "+00:00")
		.toFormatter();

	private static final DateTimeFormatter READ = new DateTimeFormatterBuilder()
		.append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
		.optionalStart()
		.appendOffsetId()
		.optionalEnd()
		.toFormatter();

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
		return WRITE.format(instant.atOffset(ZoneOffset.UTC));
	}

	/**
	 * Formats an offset date-time in its own offset.
	 * @param dateTime the date-time
	 * @return the stored form
	 */
	public static String format(OffsetDateTime dateTime) {
		return WRITE.format(dateTime);
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
		TemporalAccessor parsed = READ.parse(text.trim());
		LocalDateTime local = LocalDateTime.from(parsed);
		ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(parsed) : ZoneOffset.UTC;
		return local.atOffset(offset);
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
