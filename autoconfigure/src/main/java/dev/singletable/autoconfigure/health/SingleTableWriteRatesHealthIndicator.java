package dev.singletable.autoconfigure.health;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.util.Assert;

import dev.singletable.core.observation.MicrometerSingleTableMetrics;

/**
 * Health indicator of the write rate of each type against the limit of one partition key: DynamoDB serves one key of
 * the table or of an index with at most 1,000 write units a second, and every create, update and delete of a type
 * writes its one key of the type index (docs/reference/capacity.md). Measured from the write units the template's
 * {@link MicrometerSingleTableMetrics} counted ({@value MicrometerSingleTableMetrics#CAPACITY}, {@code kind=write}, by
 * {@code type}) since the indicator's previous check (the first check: since it was created): detail
 * {@code writeRates}, per type, {@code writeUnitsPerSecond}, the key's {@code limit} and {@code percentOfLimit}. The
 * units are all of the type's writes (its items, their copies in every index, and what its transactions write with
 * them: audit rows, the counts item), so the figure is an upper bound of its type key's load: a type near 100% is one
 * whose writes the type index may throttle, and {@code hotTypes} lists those above 80%. The status stays {@code UP}:
 * the figure warns, it does not refuse.
 */
public class SingleTableWriteRatesHealthIndicator extends AbstractHealthIndicator {

	/** The write units a second of one partition key of a table or index. */
	static final double KEY_LIMIT = 1_000;

	/** The share of the limit from which a type is listed as hot. */
	static final double HOT = 0.8;

	private final MeterRegistry registry;

	private final Clock clock;

	private Map<String, Double> previous;

	private long previousMillis;

	/**
	 * Creates an indicator over the meters of a registry the template's metrics count in.
	 * @param registry the registry; must not be {@literal null}
	 */
	public SingleTableWriteRatesHealthIndicator(MeterRegistry registry) {
		this(registry, Clock.systemUTC());
	}

	SingleTableWriteRatesHealthIndicator(MeterRegistry registry, Clock clock) {
		super("DynamoDB single-table write rates could not be read");
		Assert.notNull(registry, "MeterRegistry must not be null");
		this.registry = registry;
		this.clock = clock;
		this.previous = units();
		this.previousMillis = clock.millis();
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
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
