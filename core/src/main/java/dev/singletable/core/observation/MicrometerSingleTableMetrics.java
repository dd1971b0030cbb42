package dev.singletable.core.observation;

import java.util.Locale;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import org.springframework.util.Assert;

/**
 * {@link SingleTableMetrics} as Micrometer counters, each tagged with the operation's {@code type},
 * {@code operation} and {@code table}:
 * <ul>
 * <li>{@value #CAPACITY} — capacity units consumed, tagged {@code kind} = {@code read} or {@code write};</li>
 * <li>{@value #CONFLICTS} — conflicting writes: each request refused for a failed condition and each cancelled
 * transaction counts once, however many of its items gave a reason; tagged {@code reason}
 * ({@code ConditionalCheckFailed} when any condition failed, else the cancellation's first code, such as
 * {@code TransactionConflict});</li>
 * <li>{@value #RETRIES} — requests sent again after a backoff, tagged {@code reason};</li>
 * <li>{@value #UNPROCESSED} — items and keys of batch requests left unprocessed (and retried).</li>
 * </ul>
 * and a backfill's meters, tagged {@code operation} and {@code type}: {@value #BACKFILL_ITEMS} (items read, tagged
 * {@code outcome}), {@value #BACKFILL_CAPACITY} (capacity units consumed) and {@value #BACKFILL_SEGMENTS_REMAINING}
 * (a gauge tagged {@code run}, removed when the run ends).
 */
public class MicrometerSingleTableMetrics implements SingleTableMetrics {

	/** The counter of consumed capacity units. */
	public static final String CAPACITY = "singletable.capacity.consumed";

	/** The counter of conflicting writes: refused requests, a cancelled transaction once. */
	public static final String CONFLICTS = "singletable.conflicts";

	/** The counter of retried requests. */
	public static final String RETRIES = "singletable.retries";

	/** The counter of unprocessed batch items. */
	public static final String UNPROCESSED = "singletable.batch.unprocessed";

	/** The counter of items backfills read, by outcome. */
	public static final String BACKFILL_ITEMS = "singletable.backfill.items";

	/** The counter of capacity units backfills consumed. */
	public static final String BACKFILL_CAPACITY = "singletable.backfill.capacity";

	/** The gauge of a running backfill's segments not yet done. */
	public static final String BACKFILL_SEGMENTS_REMAINING = "singletable.backfill.segments.remaining";

	private final MeterRegistry registry;

	/**
	 * Creates metrics counted in the given registry.
	 * @param registry the registry; must not be {@literal null}
	 */
	public MicrometerSingleTableMetrics(MeterRegistry registry) {
		Assert.notNull(registry, "MeterRegistry must not be null");
		this.registry = registry;
	}

	@Override
	public void consumedCapacity(SingleTableObservationContext operation, CapacityKind kind, double units) {
		counter(CAPACITY, "capacity units consumed", "capacityUnits", tags(operation).and("kind",
				kind.name().toLowerCase(Locale.ROOT)))
			.increment(units);
	}

	@Override
	public void conflict(SingleTableObservationContext operation, String reason) {
		counter(CONFLICTS, "conflicting writes: requests refused for a failed condition and cancelled "
				+ "transactions, each once however many items gave a reason", null,
				tags(operation).and("reason", reason))
			.increment();
	}

	@Override
	public void retry(SingleTableObservationContext operation, String reason) {
		counter(RETRIES, "requests sent again after a backoff", null, tags(operation).and("reason", reason))
			.increment();
	}

	@Override
	public void unprocessed(SingleTableObservationContext operation, int count) {
		counter(UNPROCESSED, "batch items left unprocessed", "items", tags(operation)).increment(count);
	}

	private Counter counter(String name, String description, String baseUnit, Tags tags) {
		return Counter.builder(name).description(description).baseUnit(baseUnit).tags(tags).register(this.registry);
	}

	private static Tags tags(SingleTableObservationContext operation) {
		return Tags.of("type", operation.getEntityTypeName(), "operation", operation.getOperation(), "table",
				operation.getTableName());
	}

	@Override
	public void backfillItem(String operation, String type, String outcome) {
		Counter.builder(BACKFILL_ITEMS)
			.description("Items a backfill read, by what it did with them")
			.tags("operation", operation, "type", type, "outcome", outcome)
			.register(this.registry)
			.increment();
	}

	@Override
	public void backfillCapacity(String operation, String type, double units) {
		Counter.builder(BACKFILL_CAPACITY)
			.description("Capacity units a backfill consumed")
			.baseUnit("units")
			.tags("operation", operation, "type", type)
			.register(this.registry)
			.increment(units);
	}

	@Override
	public AutoCloseable backfillSegmentsRemaining(String runId, String operation, String type,
			Supplier<Number> remaining) {
		Gauge gauge = Gauge.builder(BACKFILL_SEGMENTS_REMAINING, remaining)
			.description("Segments of a running backfill not yet done")
			.tags("run", runId, "operation", operation, "type", type)
			.register(this.registry);
		return () -> this.registry.remove(gauge);
	}

}
