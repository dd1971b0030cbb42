package dev.singletable.benchmarks.reactive;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

import dev.singletable.benchmarks.Sample.Spread;
import dev.singletable.benchmarks.reactive.ReactiveFigures.Figure;
import dev.singletable.core.internal.execution.BackgroundWork;
import dev.singletable.core.schema.SingleTableSchema;
import dev.singletable.test.DynamoDbLocal;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Issue 26's benchmark: at a simulated round trip, every API runs the same number of lanes of the same operation
 * (each lane one operation after another on its own article), the APIs taking turns in rotated order within each
 * round; operations per second and the threads of each API's client and pool that did work (their CPU time grew
 * while the API ran, {@link ThreadWork}) are recorded per round.
 */
public final class ReactiveBenchmark {

	/** The table of the reactive and the blocking API (each its own articles). */
	static final String TABLE = "benchmarks-reactive";

	/** The name prefix of singletable's background threads. */
	private static final String BACKGROUND = "singletable-background";

	/** The table of the Enhanced async client. */
	static final String PEER_TABLE = "benchmarks-reactive-peer";

	/**
	 * Names of threads the SDK, Netty or Reactor make with their defaults, and singletable's threads of the work its
	 * writes leave for after their answers: they count for the API running.
	 */
	private static final List<String> CLIENT_DEFAULTS = List.of("sdk-", "aws-java-sdk", "globalEventExecutor",
			"reactor-", "parallel-", "boundedElastic-", "single-", "idle-connection-reaper", BACKGROUND);

	/** The name of DynamoDB Local's thread that runs the server's table operations one at a time. */
	private static final String SQLITE_QUEUE = "SQLiteQueue";

	private final ReactiveSettings settings;

	private final Consumer<String> progress;

	/**
	 * Creates the benchmark.
	 * @param settings what to measure
	 * @param progress where to report progress
	 */
	public ReactiveBenchmark(ReactiveSettings settings, Consumer<String> progress) {
		this.settings = settings;
		this.progress = progress;
	}

	/**
	 * Sets up the APIs on DynamoDB Local, measures every operation and closes the APIs' clients.
	 * @return the figures
	 */
	public ReactiveFigures run() {
		try (DynamoDbClient admin = DynamoDbLocal.newClient()) {
			SingleTableSchema.standard(TABLE).createIfMissing(admin);
			SingleTableSchema.standard(PEER_TABLE).createIfMissing(admin);
		}
		Map<Api, ApiLanes> apis = new EnumMap<>(Api.class);
		try {
			apis.put(Api.REACTIVE, new ReactiveLanes(this.settings, TABLE));
			apis.put(Api.BLOCKING, new BlockingLanes(this.settings, TABLE));
			apis.put(Api.PEER, new PeerLanes(this.settings, PEER_TABLE));
			for (ApiLanes lanes : apis.values()) {
				this.progress.accept("reactive section, set-up of the " + lanes.api().label() + ": "
						+ this.settings.lanes() + " articles with " + dev.singletable.benchmarks.model.VersionedArticle.MAX_VERSIONS
						+ " versions");
				lanes.setUp(this.settings.lanes());
			}
			apis.values().forEach((lanes) -> lanes.delay(this.settings.delay()));
			Map<ConcurrentOperation, Map<Api, Figure>> figures = new EnumMap<>(ConcurrentOperation.class);
			Map<String, Long> others = new TreeMap<>();
			List<Double> load = new ArrayList<>();
			for (ConcurrentOperation operation : ConcurrentOperation.values()) {
				figures.put(operation, measure(operation, apis, others, load));
			}
			return new ReactiveFigures(this.settings, figures, Integer.getInteger("http.maxConnections", 5), others,
					load, Runtime.getRuntime().availableProcessors());
		}
		finally {
			apis.values().forEach(ApiLanes::close);
		}
	}

	/** The tail of an API's round (a thread returning to its pool) may land in the next API's. */
	private static boolean anyApi(String thread) {
		for (Api api : Api.values()) {
			if (thread.startsWith(api.threadPrefix())) {
				return true;
			}
		}
		return false;
	}

	private Map<Api, Figure> measure(ConcurrentOperation operation, Map<Api, ApiLanes> apis, Map<String, Long> others,
			List<Double> load) {
		this.progress.accept("reactive section: " + this.settings.lanes() + " concurrent operations, "
				+ operation.label() + ", at " + this.settings.delay().toMillis() + " ms round trip");
		Duration turn = this.settings.warmup().dividedBy(ReactiveSettings.WARMUP_TURNS);
		for (int warmup = 0; warmup < ReactiveSettings.WARMUP_TURNS; warmup++) {
			for (Api api : Api.rotated(warmup)) {
				apis.get(api).run(operation, System.nanoTime() + turn.toNanos());
			}
		}
		Map<Api, List<Double>> rates = new EnumMap<>(Api.class);
		Map<Api, TreeSet<String>> threads = new EnumMap<>(Api.class);
		Map<Api, Tally> tallies = new EnumMap<>(Api.class);
		String harness = Thread.currentThread().getName() + " #" + Thread.currentThread().getId();
		for (int round = 0; round < this.settings.rounds(); round++) {
			for (Api api : Api.rotated(round)) {
				ApiLanes lanes = apis.get(api);
				// the work singletable's writes leave for after their answers (a versioned update's probe and
				// prune) belongs to the round that left it: its time, its requests and its threads' CPU; a round
				// lasts until that work has ended, whichever API, driver or thread runs it
				BackgroundWork.shared().awaitIdle(Duration.ofSeconds(30));
				// the pool's threads, idle as their last task ended, still go back to waiting for the next: not this
				// round's work either
				ThreadWork.awaitAtRest(BACKGROUND);
				lanes.resetRequests();
				long delayed = lanes.delayed();
				ThreadWork before = ThreadWork.now();
				long start = System.nanoTime();
				long done = lanes.run(operation, start + this.settings.round().toNanos());
				BackgroundWork.shared().awaitIdle(Duration.ofSeconds(30));
				ThreadWork.awaitAtRest(BACKGROUND);
				long elapsed = System.nanoTime() - start;
				ThreadWork after = ThreadWork.now();
				double average = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
				if (average >= 0) {
					load.add(average);
				}
				rates.computeIfAbsent(api, (key) -> new ArrayList<>()).add(done / (elapsed / 1e9));
				Tally tally = tallies.computeIfAbsent(api, (key) -> new Tally());
				tally.operations += done;
				tally.requests += lanes.requests();
				tally.delayed += lanes.delayed() - delayed;
				tally.wallNanos += elapsed;
				TreeSet<String> used = threads.computeIfAbsent(api, (key) -> new TreeSet<>());
				after.since(before).forEach((thread, nanos) -> {
					if (thread.startsWith(api.threadPrefix()) || CLIENT_DEFAULTS.stream().anyMatch(thread::startsWith)) {
						used.add(thread);
						tally.clientNanos += nanos;
					}
					else if (!thread.equals(harness) && !anyApi(thread)) {
						// DynamoDB Local's (its Jetty threads, its SQLite queue) and the JVM's
						tally.serverNanos += nanos;
						if (thread.startsWith(SQLITE_QUEUE)) {
							tally.queueNanos += nanos;
						}
						others.merge(thread.replaceAll(" #\\d+$", "").replaceAll("\\d+", "N"), nanos / 1_000_000,
								Long::sum);
					}
				});
			}
		}
		ThreadWork end = ThreadWork.now();
		Map<Api, Figure> figures = new EnumMap<>(Api.class);
		for (Api api : Api.values()) {
			Tally tally = tallies.get(api);
			figures.put(api, new Figure(rates.get(api), Spread.of(rates.get(api)), List.copyOf(threads.get(api)),
					tally.clientNanos / 1e6, end.alive(api.threadPrefix()), tally.operations, tally.requests,
					tally.delayed, tally.wallNanos / 1e6, tally.serverNanos / 1e6, tally.queueNanos / 1e6));
		}
		return figures;
	}

	/** What one API did over the measured rounds of one operation. */
	private static final class Tally {

		private long operations;

		private long requests;

		private long delayed;

		private long wallNanos;

		private long clientNanos;

		private long serverNanos;

		private long queueNanos;

	}

}
