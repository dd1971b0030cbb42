package dev.singletable.core.convert;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StorageTimestampsUnitTests {

	@Test
	void formatsInstantsLikePythonIsoformatWithFixedMicroseconds() {
		assertThat(StorageTimestamps.format(Instant.parse("2025-01-01T12:00:00.123456Z")))
			.isEqualTo("2025-01-01T12:00:00.123456+00:00");
		assertThat(StorageTimestamps.format(Instant.parse("2025-01-01T12:00:00Z")))
			.isEqualTo("2025-01-01T12:00:00.000000+00:00");
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

}
