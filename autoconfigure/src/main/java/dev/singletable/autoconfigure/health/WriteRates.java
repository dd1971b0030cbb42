package dev.singletable.autoconfigure.health;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.health.contributor.Health;
import org.springframework.util.Assert;

import dev.singletable.core.observation.MicrometerSingleTableMetrics;

/**
 * The write rate of each type against the limit of one partition key, measured from the write units the template's
 * {@link MicrometerSingleTableMetrics} counted since the previous report (the first: since this was created), for the
 * blocking and the reactive health indicators alike. Reads counters only: no I/O.
 */
final class WriteRates {

	/** The write units a second of one partition key of a table or index. */
	static final double KEY_LIMIT = 1_000;

	/** The share of the limit from which a type is listed as hot. */
	static final double HOT = 0.8;

	private final MeterRegistry registry;

	private final Clock clock;

	private Map<String, Double> previous;

	private long previousMillis;

	WriteRates(MeterRegistry registry, Clock clock) {
		Assert.notNull(registry, "MeterRegistry must not be null");
		this.registry = registry;
		this.clock = clock;
		this.previous = units();
		this.previousMillis = clock.millis();
	}

	/**
	 * Reports the rates since the previous report into a health builder, status {@code UP}: detail
	 * {@code writeRates}, per type, {@code writeUnitsPerSecond}, the key's {@code limit} and {@code percentOfLimit},
	 * and {@code hotTypes} for the types above {@value #HOT} of it.
	 */
	void report(Health.Builder builder) {
		Map<String, Double> now;
		long millis;
		Map<String, Double> before;
		long beforeMillis;
		synchronized (this) {
			now = units();
			millis = this.clock.millis();
			before = this.previous;
			beforeMillis = this.previousMillis;
			this.previous = now;
			this.previousMillis = millis;
		}
		double seconds = Math.max(1, millis - beforeMillis) / 1000.0;
		Map<String, Map<String, Object>> rates = new TreeMap<>();
		Map<String, Double> hot = new TreeMap<>();
		now.forEach((type, units) -> {
			double perSecond = Math.max(0, units - before.getOrDefault(type, 0.0)) / seconds;
			double share = perSecond / KEY_LIMIT;
			Map<String, Object> rate = new LinkedHashMap<>();
			rate.put("writeUnitsPerSecond", round(perSecond));
			rate.put("limit", KEY_LIMIT);
			rate.put("percentOfLimit", round(share * 100));
			rates.put(type, rate);
			if (share >= HOT) {
				hot.put(type, round(share * 100));
			}
		});
		builder.up().withDetail("seconds", round(seconds)).withDetail("writeRates", rates);
		if (!hot.isEmpty()) {
			builder.withDetail("hotTypes", hot);
		}
	}

	/** The write units counted so far, by type. */
	private Map<String, Double> units() {
		Map<String, Double> units = new HashMap<>();
		for (Counter counter : this.registry.find(MicrometerSingleTableMetrics.CAPACITY)
			.tag("kind", "write")
			.counters()) {
			String type = counter.getId().getTag("type");
			if (type != null) {
				units.merge(type, counter.count(), Double::sum);
			}
		}
		return units;
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

}
