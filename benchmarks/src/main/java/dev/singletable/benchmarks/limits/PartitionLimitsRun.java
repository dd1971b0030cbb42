package dev.singletable.benchmarks.limits;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.modulith.events.support.CompletionMode;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.schema.SingleTableSchema;
import dev.singletable.events.SingleTableEventPublicationRepository;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.autoconfigure.capacity.DynamoDbPartitionLimits;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The maximum sustained writes per second of the layout's shared keys, measured in DynamoDB's per-partition limits
 * modelled in front of DynamoDB Local (loopback only) at one scale factor: creates of one type (its key of the type
 * index), audited creates ({@code _INTERNAL#AuditLog}), outbox publications, each created and completed
 * ({@code _INTERNAL#EventPublication#PUBLISHED}, and spread over {@value #OUTBOX_SHARDS} shards of each status), and
 * counted creates ({@code _INTERNAL#MemoryStats}); beside the
 * creates of one type, in the same run, those of a type whose type index is spread over shards
 * ({@link SpreadLimitNote}: its units and limit those of all its shards), whose listing is then checked to return
 * every resource created once, in order. Each is a
 * bounded loop: {@value #THREADS} threads per hot key write for a warm-up (the buckets' first second of units) and then for the
 * measured window, through a client with the SDK's default retries and the template's, as in production; writes
 * refused after the retries are counted, not retried. Prints a markdown table: the rate measured, the units per write
 * the model billed the hot key, the limit that implies ({@code partition units a second / units per write}), and the
 * rate at DynamoDB's scale (times the factor).
 * <p>
 * {@code mvn -q -pl benchmarks exec:exec -Dbenchmarks.args="limits"}, or {@code "limits 100 20 8"} for the scale
 * factor, the measured seconds and the writer threads per hot key.
 */
public final class PartitionLimitsRun {

	/** The shards of the spread outbox's statuses. */
	private static final int OUTBOX_SHARDS = 4;

	/** Writer threads per hot key, unless the run says otherwise. */
	private static final int THREADS = 8;

	/** The shards of the spread audit log. */
	private static final int AUDIT_SHARDS = 4;

	private static final int WARM_UP_SECONDS = 2;

	private static final String TABLE = "partition-limits-bench";

	/** A body that keeps a note under 1 KB: one write unit. */
	private static final String BODY = "x".repeat(650);

	/** The body of an event: a publication of about 0.5 KB. */
	private static final String EVENT = "x".repeat(200);

	private final int scaleFactor;

	private final int seconds;

	private final int threads;

	/** The longest wait between throttled attempts, 0 for the SDK's default (20 s). */
	private final int throttlingBackoffMillis;

	private PartitionLimitsRun(int scaleFactor, int seconds, int threads, int throttlingBackoffMillis) {
		this.scaleFactor = scaleFactor;
		this.seconds = seconds;
		this.threads = threads;
		this.throttlingBackoffMillis = throttlingBackoffMillis;
	}

	/**
	 * Runs every scenario and prints the table.
	 * @param args {@code limits [scale factor] [measured seconds]}
	 */
	public static void main(List<String> args) {
		int scale = (args.size() > 1) ? Integer.parseInt(args.get(1)) : 100;
		int seconds = (args.size() > 2) ? Integer.parseInt(args.get(2)) : 10;
		int threads = (args.size() > 3) ? Integer.parseInt(args.get(3)) : THREADS;
		int backoff = (args.size() > 4) ? Integer.parseInt(args.get(4)) : 0;
		try {
			System.out.println(new PartitionLimitsRun(scale, seconds, threads, backoff).run());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new IllegalStateException("A writer failed", ex.getCause());
		}
		catch (java.util.concurrent.TimeoutException ex) {
			throw new IllegalStateException("The writers did not stop", ex);
		}
	}

	private String run() throws InterruptedException, java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
		SingleTableSchema schema = SingleTableSchema.standard(TABLE);
		try (DynamoDbClient admin = DynamoDbLocal.newClient()) {
			schema.createIfMissing(admin);
		}
		List<Row> rows = new ArrayList<>();
		rows.add(measure("creates of one type", schema, "gsitype", "LimitNote", false,
				(template) -> () -> template.create(new LimitNote(null, BODY))));
		Set<String> spreadIds = ConcurrentHashMap.newKeySet();
		rows.add(measure("creates of one type, type index spread over " + SpreadLimitNote.SHARDS + " shards", schema,
				"gsitype", shardKeys("SpreadLimitNote", SpreadLimitNote.SHARDS), false, (template) -> () -> spreadIds
					.add(template.create(new SpreadLimitNote(null, BODY, null)).id())));
		String listing = checkListing(spreadIds);
		rows.add(measure("audited creates (one table)", schema, "gsitype", "_INTERNAL#AuditLog", false,
				(template) -> () -> template.create(new AuditedLimitNote(null, BODY))));
		rows.add(measure("audited creates (one table, " + AuditedLimitTypes.ALL.size() + " types), audit log spread over "
				+ AUDIT_SHARDS + " shards", schema, "gsitype", shardKeys("_INTERNAL#AuditLog", AUDIT_SHARDS), false, (template) -> {
					template.setAuditShards(AUDIT_SHARDS);
					AtomicLong turn = new AtomicLong();
					return () -> template.create(AuditedLimitTypes.ALL
						.get((int) (turn.getAndIncrement() % AuditedLimitTypes.ALL.size()))
						.apply(BODY));
				}));
		rows.add(measure("outbox publications, created and completed", schema, "gsitype",
				"_INTERNAL#EventPublication#PUBLISHED", false, (template) -> {
					SingleTableEventPublicationRepository outbox = new SingleTableEventPublicationRepository(template,
							CompletionMode.DELETE);
					PublicationTargetIdentifier listener = PublicationTargetIdentifier.of("limits.Listener.on");
					return () -> {
						TargetEventPublication publication = outbox
							.create(TargetEventPublication.of(new LimitEvent(UUID.randomUUID().toString(), EVENT), listener));
						outbox.markCompleted(publication.getIdentifier(), Instant.now());
					};
				}));
		rows.add(measure("outbox publications, created and completed, statuses spread over " + OUTBOX_SHARDS
				+ " shards", schema, "gsitype", shardKeys("_INTERNAL#EventPublication#PUBLISHED", OUTBOX_SHARDS), false, (template) -> {
					SingleTableEventPublicationRepository outbox = new SingleTableEventPublicationRepository(template,
							CompletionMode.DELETE, OUTBOX_SHARDS);
					PublicationTargetIdentifier listener = PublicationTargetIdentifier.of("limits.Listener.on");
					return () -> {
						TargetEventPublication publication = outbox
							.create(TargetEventPublication.of(new LimitEvent(UUID.randomUUID().toString(), EVENT), listener));
						outbox.markCompleted(publication.getIdentifier(), Instant.now());
					};
				}));
		rows.add(measure("counted creates (per-type counts)", schema, null, "_INTERNAL#MemoryStats", true,
				(template) -> () -> template.create(new LimitNote(null, BODY))));
		StringBuilder out = new StringBuilder();
		out.append("Scale factor ").append(this.scaleFactor).append(": a partition serves ")
			.append(number(1000.0 / this.scaleFactor)).append(" write units a second; ").append(this.threads)
			.append(" threads per hot key, ").append(WARM_UP_SECONDS).append(" s warm-up, ").append(this.seconds)
			.append(" s measured; throttled attempts wait ")
			.append((this.throttlingBackoffMillis > 0) ? "at most " + this.throttlingBackoffMillis + " ms"
					: "as the SDK's default retries say (up to 20 s)")
			.append(".\n\n");
		out.append("| writes | hot key | measured writes/s | units per write on the key | key's limit, writes/s | "
				+ "measured / limit | at DynamoDB's scale, writes/s | units/s of each key (least – most) | "
				+ "refused after retries | throttled attempts | conflicts |\n");
		out.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
		for (Row row : rows) {
			out.append(row.markdown(this.scaleFactor)).append('\n');
		}
		out.append('\n').append(listing).append('\n');
		return out.toString();
	}

	/**
	 * Lists the spread type after its run, without the model: every resource created is listed once, in
	 * {@code updated_at} order, across the type's own key and its shards.
	 */
	private static String checkListing(Set<String> created) {
		try (DynamoDbClient client = DynamoDbLocal.newClient()) {
			List<SpreadLimitNote> listed = new SingleTableTemplate(client, TABLE).query(SpreadLimitNote.class).all();
			Set<String> ids = new HashSet<>();
			boolean ordered = true;
			for (int i = 0; i < listed.size(); i++) {
				ids.add(listed.get(i).id());
				ordered &= i == 0 || !listed.get(i).updatedAt().isBefore(listed.get(i - 1).updatedAt());
			}
			boolean exact = ids.size() == listed.size() && ids.equals(created);
			if (!exact || !ordered) {
				throw new IllegalStateException("The spread type's listing is not exact: " + listed.size()
						+ " listed (" + ids.size() + " distinct), " + created.size() + " created, in order: " + ordered);
			}
			return "The spread type's listing after its run (without the model): " + listed.size() + " resources "
					+ "listed, each of the " + created.size() + " created exactly once, in updated_at order.";
		}
	}

	/**
	 * The keys a spread key's writes go to, one per shard ({@code <key>#0} to {@code <key>#<shards - 1>}): the type
	 * index's shards of a spread type, of the spread audit log and of a spread outbox status alike.
	 */
	private static List<String> shardKeys(String key, int shards) {
		List<String> keys = new ArrayList<>();
		for (int shard = 0; shard < shards; shard++) {
			keys.add(key + "#" + shard);
		}
		return keys;
	}

	private Row measure(String name, SingleTableSchema schema, @Nullable String index, String key, boolean counted,
			Scenario scenario) throws InterruptedException, java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
		return measure(name, schema, index, List.of(key), counted, scenario);
	}

	/**
	 * Measures writes spread over several keys: the units per write are those billed on all of them, the limit
	 * that of all of them together.
	 */
	private Row measure(String name, SingleTableSchema schema, @Nullable String index, List<String> keys,
			boolean counted, Scenario scenario)
			throws InterruptedException, java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
		String key = keys.get(0);
		DynamoDbPartitionLimits limits = DynamoDbPartitionLimits.of(schema).scaledDownBy(this.scaleFactor);
		DynamoDbClientBuilder builder = DynamoDbLocal.clientBuilder();
		if (this.throttlingBackoffMillis > 0) {
			// the SDK's retries of DynamoDB (9 attempts, 25 ms base delay) but throttled attempts waiting at most this
			builder.overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.legacyRetryStrategy()
				.toBuilder()
				.maxAttempts(9)
				.backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(25), Duration.ofSeconds(20)))
				.throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(25),
						Duration.ofMillis(this.throttlingBackoffMillis)))
				.build()));
		}
		limits.installOn(builder);
		try (DynamoDbClient client = builder.build()) {
			SingleTableTemplate template = new SingleTableTemplate(client, TABLE);
			template.setTrackCounts(counted);
			if (counted) {
				// the counts item exists before the window: every counted create is then one transaction
				template.create(new LimitNote(null, BODY));
			}
			Runnable write = scenario.writer(template);
			AtomicLong written = new AtomicLong();
			AtomicLong refused = new AtomicLong();
			long start = System.nanoTime();
			long measureFrom = start + TimeUnit.SECONDS.toNanos(WARM_UP_SECONDS);
			long end = measureFrom + TimeUnit.SECONDS.toNanos(this.seconds);
			double[] perKeyAtStart;
			double[] perKeyAtEnd;
			// as many writers per key as a single key has, so that a key waiting out its throttling leaves the others busy
			int threads = this.threads * keys.size();
			ExecutorService pool = Executors.newFixedThreadPool(threads);
			try {
				List<Future<?>> workers = new ArrayList<>();
				for (int i = 0; i < threads; i++) {
					workers.add(pool.submit(() -> {
						while (System.nanoTime() < end) {
							try {
								write.run();
								long done = System.nanoTime();
								if (done >= measureFrom && done < end) {
									written.incrementAndGet();
								}
							}
							catch (RuntimeException ex) {
								refused.incrementAndGet();
							}
						}
					}));
				}
				while (System.nanoTime() < measureFrom) {
					Thread.sleep(1);
				}
				perKeyAtStart = consumedPerKey(limits, index, keys);
				while (System.nanoTime() < end) {
					Thread.sleep(1);
				}
				// the window's units, sampled at its end: a write still retrying then is charged after it, uncounted
				perKeyAtEnd = consumedPerKey(limits, index, keys);
				for (Future<?> worker : workers) {
					worker.get(this.seconds + 120L, TimeUnit.SECONDS);
				}
			}
			finally {
				pool.shutdownNow();
			}
			double units = 0;
			double least = Double.MAX_VALUE;
			double most = 0;
			for (int i = 0; i < keys.size(); i++) {
				double keyUnits = perKeyAtEnd[i] - perKeyAtStart[i];
				units += keyUnits;
				least = Math.min(least, keyUnits);
				most = Math.max(most, keyUnits);
			}
			int throttled = limits.refusals("TableWriteKeyRangeThroughputExceeded")
					+ limits.refusals("IndexWriteKeyRangeThroughputExceeded") + limits.refusals("ThrottlingError");
			int conflicts = limits.refusals("TransactionConflict") + limits.refusals("TransactionConflictException");
			String named = (keys.size() == 1) ? "`" + key + "`"
					: "`" + key + "` … `" + keys.get(keys.size() - 1) + "` (" + keys.size() + " keys)";
			return new Row(name, ((index != null) ? index + " " : "table ") + named,
					written.get() / (double) this.seconds, (written.get() > 0) ? units / written.get() : 0,
					keys.size() * limits.partitionWriteUnitsPerSecond(), least / this.seconds, most / this.seconds,
					refused.get(), throttled, conflicts);
		}
	}

	private static double[] consumedPerKey(DynamoDbPartitionLimits limits, @Nullable String index, List<String> keys) {
		double[] units = new double[keys.size()];
		for (int i = 0; i < keys.size(); i++) {
			units[i] = limits.consumedWriteUnits(index, keys.get(i));
		}
		return units;
	}

	private static String number(double value) {
		return (value >= 100 || value == Math.rint(value)) ? String.format(Locale.ROOT, "%.0f", value)
				: String.format(Locale.ROOT, "%.1f", value);
	}

	@FunctionalInterface
	private interface Scenario {

		Runnable writer(SingleTableTemplate template);

	}

	private record Row(String name, String key, double perSecond, double unitsPerWrite, double partitionUnits,
			double leastKeyUnitsPerSecond, double mostKeyUnitsPerSecond, long refused, int throttled, int conflicts) {

		String markdown(int scaleFactor) {
			double limit = (this.unitsPerWrite > 0) ? this.partitionUnits / this.unitsPerWrite : 0;
			return "| " + this.name + " | " + this.key + " | " + number(this.perSecond) + " | "
					+ String.format(Locale.ROOT, "%.2f", this.unitsPerWrite) + " | " + number(limit) + " | "
					+ ((limit > 0) ? String.format(Locale.ROOT, "%.3f", this.perSecond / limit) : "—") + " | "
					+ number(this.perSecond * scaleFactor) + " | " + number(this.leastKeyUnitsPerSecond) + " – "
					+ number(this.mostKeyUnitsPerSecond) + " | " + this.refused + " | " + this.throttled + " | "
					+ this.conflicts + " |";
		}

	}

}
