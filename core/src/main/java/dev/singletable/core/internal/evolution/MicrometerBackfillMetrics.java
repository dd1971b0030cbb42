package dev.singletable.core.internal.evolution;

import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A run's meters in a Micrometer registry: {@code singletable.backfill.items} (counter tagged {@code operation},
 * {@code type}, {@code outcome}), {@code singletable.backfill.capacity} (consumed units, tagged {@code operation},
 * {@code type}) and {@code singletable.backfill.segments.remaining} (gauge tagged {@code run}, {@code operation},
 * {@code type}, removed when the run ends). Only built when the application gives a registry, so Micrometer stays
 * optional.
 */
public final class MicrometerBackfillMetrics implements BackfillMetrics {

	private final MeterRegistry registry;

	public MicrometerBackfillMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void item(String operation, String type, String outcome) {
		Counter.builder("singletable.backfill.items")
			.description("Items a backfill read, by what it did with them")
			.tags("operation", operation, "type", type, "outcome", outcome)
			.register(this.registry)
			.increment();
	}

	@Override
	public void capacity(String operation, String type, double units) {
		Counter.builder("singletable.backfill.capacity")
			.description("Capacity units a backfill consumed")
			.baseUnit("units")
			.tags("operation", operation, "type", type)
			.register(this.registry)
			.increment(units);
	}

	@Override
	public AutoCloseable segmentsRemaining(String runId, String operation, String type, Supplier<Number> remaining) {
		Gauge gauge = Gauge.builder("singletable.backfill.segments.remaining", remaining)
			.description("Segments of a running backfill not yet done")
			.tags("run", runId, "operation", operation, "type", type)
			.register(this.registry);
		return () -> this.registry.remove(gauge);
	}

}
