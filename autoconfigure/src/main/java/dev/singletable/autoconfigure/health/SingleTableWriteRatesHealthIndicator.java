package dev.singletable.autoconfigure.health;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

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
 * the figure warns, it does not refuse. A reactive web application gets the same figures from
 * {@link SingleTableReactiveWriteRatesHealthIndicator}.
 */
public class SingleTableWriteRatesHealthIndicator extends AbstractHealthIndicator {

	private final WriteRates rates;

	/**
	 * Creates an indicator over the meters of a registry the template's metrics count in.
	 * @param registry the registry; must not be {@literal null}
	 */
	public SingleTableWriteRatesHealthIndicator(MeterRegistry registry) {
		this(registry, Clock.systemUTC());
	}

	SingleTableWriteRatesHealthIndicator(MeterRegistry registry, Clock clock) {
		super("DynamoDB single-table write rates could not be read");
		this.rates = new WriteRates(registry, clock);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		this.rates.report(builder);
	}

}
