package dev.singletable.core.convert;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Random;

import org.junit.jupiter.api.Test;
import dev.singletable.internal.format.StorageTimestamps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class StorageTimestampsUnitTests {

	@Test
	void formatsInstantsLikePythonIsoformatWithSixFractionDigitsLeftOutWhenZero() {
		assertThat(StorageTimestamps.format(Instant.parse("2025-01-01T12:00:00.123456Z")))
			.isEqualTo("2025-01-01T12:00:00.123456+00:00");
		assertThat(StorageTimestamps.format(Instant.parse("2025-01-01T12:00:05.6Z")))
			.isEqualTo("2025-01-01T12:00:05.600000+00:00");
		assertThat(StorageTimestamps.format(Instant.parse("2025-01-01T12:00:00Z")))
			.isEqualTo("2025-01-01T12:00:00+00:00");
		assertThat(StorageTimestamps.format(Instant.parse("2025-01-01T12:00:00.000000999Z")))
			.isEqualTo("2025-01-01T12:00:00+00:00");
	}

	@Test
	void formatsLocalDateTimesAndTimesLikePythonNaiveIsoformat() {
		assertThat(StorageTimestamps.format(LocalDateTime.parse("2025-01-01T12:00:05.600")))
			.isEqualTo("2025-01-01T12:00:05.600000");
		assertThat(StorageTimestamps.format(LocalDateTime.parse("2025-01-01T12:00:05"))).isEqualTo("2025-01-01T12:00:05");
		assertThat(StorageTimestamps.format(LocalTime.parse("12:00:05.6"))).isEqualTo("12:00:05.600000");
		assertThat(StorageTimestamps.format(LocalTime.parse("00:00"))).isEqualTo("00:00:00");
	}

	@Test
	void readsBothStoredFormsBack() {
		assertThat(StorageTimestamps.parseInstant("2025-01-01T12:00:05+00:00"))
			.isEqualTo(Instant.parse("2025-01-01T12:00:05Z"));
		assertThat(StorageTimestamps.parse("2025-01-01T12:00:05-03:30"))
			.isEqualTo(OffsetDateTime.parse("2025-01-01T12:00:05-03:30"));
		assertThat(StorageTimestamps.parseInstant("2025-01-01T12:00:05.000001+00:00"))
			.isEqualTo(Instant.parse("2025-01-01T12:00:05.000001Z"));
	}

	@Test
	void keepsTheOffsetOfOffsetDateTimes() {
		assertThat(StorageTimestamps.format(OffsetDateTime.of(2025, 1, 1, 12, 0, 0, 5000, ZoneOffset.ofHours(2))))
			.isEqualTo("2025-01-01T12:00:00.000005+02:00");
	}

	@Test
	void parsesEverySpellingThePythonLibraryAndJsonProduce() {
		Instant expected = Instant.parse("2025-01-01T12:00:00Z");
		assertThat(StorageTimestamps.parseInstant("2025-01-01T12:00:00+00:00")).isEqualTo(expected);
		assertThat(StorageTimestamps.parseInstant("2025-01-01T12:00:00Z")).isEqualTo(expected);
		assertThat(StorageTimestamps.parseInstant("2025-01-01T12:00:00")).isEqualTo(expected);
		assertThat(StorageTimestamps.parseInstant("2025-01-01T14:00:00.000+02:00")).isEqualTo(expected);
	}

	@Test
	void stringOrderEqualsTimeOrder() {
		String earlier = StorageTimestamps.format(Instant.parse("2025-01-01T12:00:00Z"));
		String later = StorageTimestamps.format(Instant.parse("2025-01-01T12:00:00.000001Z"));
		assertThat(earlier).isLessThan(later);
	}

	@Test
	void nowIsTruncatedToMicroseconds() {
		Clock clock = Clock.fixed(Instant.parse("2025-01-01T12:00:00.123456789Z"), ZoneOffset.UTC);
		assertThat(StorageTimestamps.now(clock)).isEqualTo(Instant.parse("2025-01-01T12:00:00.123456Z"));
	}

	@Test
	void theStoredFormIsWrittenAndReadExactlyAsTheGeneralFormatterWould() {
		DateTimeFormatter reference = new DateTimeFormatterBuilder().appendPattern("uuuu-MM-dd'T'HH:mm:ss")
			.appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
			.appendOffset("+HH:MM", "+00:00")
			.toFormatter();
		DateTimeFormatter wholeSeconds = new DateTimeFormatterBuilder().appendPattern("uuuu-MM-dd'T'HH:mm:ss")
			.appendOffset("+HH:MM", "+00:00")
			.toFormatter();
		Random random = new Random(20261123);
		for (int i = 0; i < 5_000; i++) {
			Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L),
					(i % 10 == 0) ? random.nextInt(1000) : random.nextInt(1_000_000_000));
			int offsetSeconds = switch (i % 3) {
				case 0 -> 0;
				case 1 -> random.nextInt(-18 * 60, 18 * 60 + 1) * 60;
				default -> random.nextInt(-18 * 3600, 18 * 3600 + 1);
			};
			OffsetDateTime dateTime = instant.atOffset(ZoneOffset.ofTotalSeconds(offsetSeconds));
			String text = StorageTimestamps.format(dateTime);
			assertThat(text).as("format of %s", dateTime)
				.isEqualTo(((dateTime.getNano() / 1000 == 0) ? wholeSeconds : reference).format(dateTime));
			assertThat(StorageTimestamps.parse(text)).as("parse of %s", text)
				.isEqualTo(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME));
		}
		assertThat(StorageTimestamps.format(Instant.parse("0042-03-04T05:06:07.000008Z")))
			.isEqualTo("0042-03-04T05:06:07.000008+00:00");
		assertThat(StorageTimestamps.parse("2025-06-30T23:59:59.999999-09:30"))
			.isEqualTo(OffsetDateTime.of(2025, 6, 30, 23, 59, 59, 999_999_000, ZoneOffset.ofHoursMinutes(-9, -30)));
	}

	@Test
	void invalidValuesInTheStoredShapeStillFailAsParseErrors() {
		for (String text : new String[] { "2025-13-01T12:00:00.000000+00:00", "2025-02-30T12:00:00.000000+00:00",
				"2025-01-01T24:00:00.000000+00:00", "2025-01-01T12:00:00.00000x+00:00", "2025-01-01T12:00:00.000000+19:00" }) {
			assertThatExceptionOfType(DateTimeParseException.class).as(text).isThrownBy(() -> StorageTimestamps.parse(text));
		}
	}

}
