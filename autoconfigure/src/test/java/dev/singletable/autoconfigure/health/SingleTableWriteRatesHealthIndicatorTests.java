package dev.singletable.autoconfigure.health;

import java.time.Instant;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.singletable.core.observation.MicrometerSingleTableMetrics;
import dev.singletable.test.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write rate of each type against one partition key's limit, from the write units the template's Micrometer
 * metrics counted between two checks, without a server: units a second by type (every operation and table of it
 * summed, read units left out), the share of 1,000, the hot types above 80%, and a status that stays up.
 */
class SingleTableWriteRatesHealthIndicatorTests {

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));

	@Test
	void reportsEachTypesWriteUnitsASecondSinceThePreviousCheckAgainstTheKeysLimit() {
		units("Order", "create", "write", 500);
		SingleTableWriteRatesHealthIndicator indicator = new SingleTableWriteRatesHealthIndicator(this.registry,
				this.clock);

		// what was counted before the indicator was made is no rate of its first window
		units("Order", "create", "write", 8_000);
		units("Order", "update", "write", 10_000);
		units("Order", "findById", "read", 90_000);
		units("Note", "create", "write", 1_000);
		this.clock.set(this.clock.instant().plusSeconds(20));
		Health first = indicator.health();

		assertThat(first.getStatus()).isEqualTo(Status.UP);
		assertThat(first.getDetails()).containsEntry("seconds", 20.0);
		assertThat(rates(first)).containsOnlyKeys("Order", "Note");
		assertThat(rates(first).get("Order")).containsEntry("writeUnitsPerSecond", 900.0)
			.containsEntry("limit", 1000.0)
			.containsEntry("percentOfLimit", 90.0);
		assertThat(rates(first).get("Note")).containsEntry("writeUnitsPerSecond", 50.0)
			.containsEntry("percentOfLimit", 5.0);
		assertThat(first.getDetails()).containsEntry("hotTypes", Map.of("Order", 90.0));

		// the next window starts where the last check ended
		units("Order", "create", "write", 1_000);
		this.clock.set(this.clock.instant().plusSeconds(10));
		Health second = indicator.health();
		assertThat(rates(second).get("Order")).containsEntry("writeUnitsPerSecond", 100.0)
			.containsEntry("percentOfLimit", 10.0);
		assertThat(rates(second).get("Note")).containsEntry("writeUnitsPerSecond", 0.0);
		assertThat(second.getDetails()).doesNotContainKey("hotTypes");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> rates(Health health) {
		return (Map<String, Map<String, Object>>) health.getDetails().get("writeRates");
	}

	private void units(String type, String operation, String kind, double units) {
		Counter.builder(MicrometerSingleTableMetrics.CAPACITY)
			.tags("type", type, "operation", operation, "table", "orders", "kind", kind)
			.register(this.registry)
			.increment(units);
	}

}
