package dev.singletable.autoconfigure.health;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import dev.singletable.core.observation.MicrometerSingleTableMetrics;
import reactor.core.publisher.Mono;

/**
 * Reactive health indicator of the write rate of each type against the limit of one partition key, for an
 * application whose template is the reactive one: the figures of {@link SingleTableWriteRatesHealthIndicator}
 * (write units a second by type, counted by the template's {@link MicrometerSingleTableMetrics} since the previous
 * check, against DynamoDB's 1,000 a second of one key; {@code hotTypes} above 80%), read from counters without
 * blocking. The status stays {@code UP}: the figure warns, it does not refuse.
 */
public class SingleTableReactiveWriteRatesHealthIndicator extends AbstractReactiveHealthIndicator {

	private final WriteRates rates;

	/**
	 * Creates an indicator over the meters of a registry the template's metrics count in.
	 * @param registry the registry; must not be {@literal null}
	 */
	public SingleTableReactiveWriteRatesHealthIndicator(MeterRegistry registry) {
		this(registry, Clock.systemUTC());
	}

	SingleTableReactiveWriteRatesHealthIndicator(MeterRegistry registry, Clock clock) {
		super("DynamoDB single-table write rates could not be read");
		this.rates = new WriteRates(registry, clock);
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		return Mono.fromSupplier(() -> {
			this.rates.report(builder);
			return builder.build();
		});
	}

}
