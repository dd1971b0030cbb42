package dev.singletable.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.singletable.benchmarks.Sample.Spread;
import dev.singletable.benchmarks.backfill.BackfillFigures;
import dev.singletable.benchmarks.reactive.ReactiveFigures;
import dev.singletable.benchmarks.sdk.CapacityMeter;

/**
 * Every figure of one run of the harness.
 */
public final class Results {

	private final Settings settings;

	private final Instant started = Instant.now();

	private Duration elapsed = Duration.ZERO;

	private final Map<Operation, Map<Side, Spread>> throughput = new EnumMap<>(Operation.class);

	private final Map<Operation, Map<Side, List<Double>>> throughputRounds = new EnumMap<>(Operation.class);

	private final Map<Operation, Map<Side, List<Double>>> cpuRounds = new EnumMap<>(Operation.class);

	private final Map<Operation, Map<Side, Accounting>> accounting = new EnumMap<>(Operation.class);

	private final Map<Operation, Map<Side, Cpu>> cpu = new EnumMap<>(Operation.class);

	private final Map<Operation, Map<Side, Cpu>> coldCpu = new EnumMap<>(Operation.class);

	private final Map<Operation, Map<Side, List<Double>>> coldCpuRounds = new EnumMap<>(Operation.class);

	private final Map<Operation, Accounting> python = new EnumMap<>(Operation.class);

	private @Nullable Storage storage;

	private final List<Breakdown.Step> breakdown = new ArrayList<>();

	private final Map<Side, Memory> memory = new EnumMap<>(Side.class);

	private final List<Startup> startup = new ArrayList<>();

	private final Map<Duration, Map<LatencyOperation, Map<Side, LatencyFigure>>> latency = new java.util.LinkedHashMap<>();

	private final List<CompressionRow> compression = new ArrayList<>();

	private final List<String> notes = new ArrayList<>();

	private @Nullable BackfillFigures backfill;

	private @Nullable ReactiveFigures reactive;

	/**
	 * Creates empty results.
	 * @param settings the settings of the run
	 */
	public Results(Settings settings) {
		this.settings = settings;
	}

	/**
	 * Returns the settings of the run.
	 * @return the settings
	 */
	public Settings settings() {
		return this.settings;
	}

	/**
	 * Returns when the run started.
	 * @return the start time
	 */
	public Instant started() {
		return this.started;
	}

	/**
	 * Returns how long the run took.
	 * @return the duration
	 */
	public Duration elapsed() {
		return this.elapsed;
	}

	/**
	 * Sets how long the run took.
	 * @param elapsed the duration
	 */
	public void elapsed(Duration elapsed) {
		this.elapsed = elapsed;
	}

	/**
	 * Returns the throughput on DynamoDB Local, in operations per second.
	 * @return by operation and contender
	 */
	public Map<Operation, Map<Side, Spread>> throughput() {
		return this.throughput;
	}

	/**
	 * Returns the throughput of every round, in round order: within a round the contenders run one after the
	 * other, so values at the same index were measured seconds apart and their ratio is little affected by
	 * load that comes and goes on the machine.
	 * @return operations per second by operation, contender and round
	 */
	public Map<Operation, Map<Side, List<Double>>> throughputRounds() {
		return this.throughputRounds;
	}

	/**
	 * Returns the client CPU of every round without a server, in round order (see {@link #throughputRounds()}).
	 * @return nanoseconds per operation by operation, contender and round
	 */
	public Map<Operation, Map<Side, List<Double>>> cpuRounds() {
		return this.cpuRounds;
	}

	/**
	 * Returns the client CPU per write without a server with the caches flushed before each operation
	 * ({@link CacheFlush}): approaching the throughput rounds, where DynamoDB Local runs on the same cores between two
	 * operations.
	 * @return by operation and contender
	 */
	public Map<Operation, Map<Side, Cpu>> coldCpu() {
		return this.coldCpu;
	}

	/**
	 * Returns {@link #coldCpu()}'s figure of every round, in round order.
	 * @return nanoseconds per operation by operation, contender and round
	 */
	public Map<Operation, Map<Side, List<Double>>> coldCpuRounds() {
		return this.coldCpuRounds;
	}

	/**
	 * Returns the requests and capacity per operation.
	 * @return by operation and contender
	 */
	public Map<Operation, Map<Side, Accounting>> accounting() {
		return this.accounting;
	}

	/**
	 * Returns the requests and capacity per write of the Python library's request pattern
	 * ({@link dev.singletable.benchmarks.python.PythonWrites}), counted as {@link #accounting()}'s.
	 * @return by write operation
	 */
	public Map<Operation, Accounting> python() {
		return this.python;
	}

	/**
	 * Returns the client CPU per operation without a server.
	 * @return by operation and contender
	 */
	public Map<Operation, Map<Side, Cpu>> cpu() {
		return this.cpu;
	}

	/**
	 * Returns the stored sizes.
	 * @return the sizes, or {@literal null} before they are measured
	 */
	public @Nullable Storage storage() {
		return this.storage;
	}

	/**
	 * Sets the stored sizes.
	 * @param storage the sizes
	 */
	public void storage(Storage storage) {
		this.storage = storage;
	}

	/**
	 * Returns the cost of each step of mapping and compressing one article.
	 * @return the steps, in order
	 */
	public List<Breakdown.Step> breakdown() {
		return this.breakdown;
	}

	/**
	 * Returns the heap figures of streaming.
	 * @return by contender
	 */
	public Map<Side, Memory> memory() {
		return this.memory;
	}

	/**
	 * Returns the startup figures.
	 * @return one per variant
	 */
	public List<Startup> startup() {
		return this.startup;
	}

	/**
	 * Returns the rows under a simulated network, by round-trip time.
	 * @return the figures by delay, operation and side
	 */
	public Map<Duration, Map<LatencyOperation, Map<Side, LatencyFigure>>> latency() {
		return this.latency;
	}

	/**
	 * Returns the compression-level table.
	 * @return the rows by document size, each size's levels then its peer row
	 */
	public List<CompressionRow> compression() {
		return this.compression;
	}

	/**
	 * Returns the backfill rows.
	 * @return the figures, or {@literal null} when they were not measured
	 */
	public @Nullable BackfillFigures backfill() {
		return this.backfill;
	}

	/**
	 * Sets the backfill rows.
	 * @param backfill the figures
	 */
	public void backfill(BackfillFigures backfill) {
		this.backfill = backfill;
	}

	/**
	 * Returns the reactive rows (issue 26).
	 * @return the figures, or {@literal null} when they were not measured
	 */
	public @Nullable ReactiveFigures reactive() {
		return this.reactive;
	}

	/**
	 * Sets the reactive rows.
	 * @param reactive the figures
	 */
	public void reactive(ReactiveFigures reactive) {
		this.reactive = reactive;
	}

	/**
	 * Returns remarks about the run (anything that did not go as planned).
	 * @return the notes
	 */
	public List<String> notes() {
		return this.notes;
	}

	/**
	 * Requests and capacity units per operation.
	 *
	 * @param requests DynamoDB SDK requests (attempts) per operation
	 * @param readUnits read units per operation reported by DynamoDB Local
	 * @param writeUnits write units per operation reported by DynamoDB Local
	 * @param unreported responses that reported no capacity
	 * @param estimatedReadUnits read units per operation computed from item sizes
	 * @param estimatedWriteUnits write units per operation computed from item sizes
	 * @param operations how many operations were counted
	 * @param s3Requests S3 SDK requests (attempts) per operation, counted apart
	 * @param s3Calls S3 client calls per operation (attempts less the SDK's retries)
	 * @param requestsBeforeAnswer DynamoDB SDK requests (attempts) per operation sent on the calling thread, before
	 * the answer (the others of {@code requests} follow it, on other threads)
	 * @param s3RequestsBeforeAnswer S3 SDK requests (attempts) per operation sent on the calling thread
	 * @param s3CallsBeforeAnswer S3 client calls per operation made on the calling thread
	 */
	public record Accounting(double requests, double readUnits, double writeUnits, int unreported,
			double estimatedReadUnits, double estimatedWriteUnits, int operations, double s3Requests, double s3Calls,
			double requestsBeforeAnswer, double s3RequestsBeforeAnswer, double s3CallsBeforeAnswer) {

		/**
		 * Returns what a contender's clients counted and metered over some operations.
		 * @param wiring the contender's clients, counted since their last reset
		 * @param totals the capacity metered over the operations
		 * @param operations how many operations were counted
		 * @return the figures per operation
		 */
		static Accounting of(SdkWiring wiring, CapacityMeter.Totals totals, int operations) {
			return new Accounting((double) wiring.requests().total() / operations,
					totals.reportedRead() / operations, totals.reportedWrite() / operations, totals.unreported(),
					totals.estimatedRead() / operations, totals.estimatedWrite() / operations, operations,
					(double) wiring.s3Requests().total() / operations, (double) wiring.s3Requests().calls() / operations,
					(double) wiring.requestsBeforeAnswer().attempts() / operations,
					(double) wiring.s3RequestsBeforeAnswer().attempts() / operations,
					(double) wiring.s3RequestsBeforeAnswer().calls() / operations);
		}

	}

	/**
	 * Client cost of an operation against canned responses.
	 *
	 * @param nanos nanoseconds per operation over the rounds
	 * @param allocatedBytes bytes allocated per operation (median of the rounds), -1 when unknown
	 * @param requests requests per operation while replaying
	 */
	public record Cpu(Spread nanos, double allocatedBytes, double requests) {
	}

	/**
	 * Stored sizes of the ~10 KB article, means over several generated documents.
	 *
	 * @param documents how many documents were measured
	 * @param json bytes of the document's storage JSON
	 * @param gzipJson bytes of gzip(JSON)
	 * @param proseRatio what gzip keeps of the documents' prose alone
	 * @param compressedLatest the compressed {@code v0} item of a versioned article
	 * @param compressedHistory a compressed {@code vN} history item
	 * @param plain the uncompressed plain article item
	 * @param floorCompressedLatest the floor's {@code v0} item for the same documents
	 * @param floorPlain the floor's plain item for the same documents
	 * @param peer the Enhanced Client's item
	 */
	public record Storage(int documents, double json, double gzipJson, double proseRatio, double compressedLatest,
			double compressedHistory, double plain, double floorCompressedLatest, double floorPlain, double peer) {

		/**
		 * Returns the ratio the compression goal is about.
		 * @return compressed {@code v0} item bytes / plain item bytes
		 */
		public double ratio() {
			return this.compressedLatest / this.plain;
		}

	}

	/**
	 * Heap used while streaming, after a full collection.
	 *
	 * @param before before the stream
	 * @param after1k after 1,000 items
	 * @param halfway after half the items
	 * @param end after the last item, before the stream is closed
	 * @param streamed items streamed in all
	 */
	public record Memory(long before, long after1k, long halfway, long end, long streamed) {

		/**
		 * Returns how much the heap grew from 1,000 items to the end.
		 * @return bytes, negative when it shrank
		 */
		public long growth() {
			return this.end - this.after1k;
		}

	}

	/**
	 * Spring context start times of one application variant.
	 *
	 * @param variant what the application contains
	 * @param warm start times in this JVM after warm-up, milliseconds
	 * @param cold start times each in a new JVM (time in {@code SpringApplication.run}), or {@literal null}
	 * @param coldUptime JVM uptime when the context was ready, each in a new JVM, or {@literal null}
	 * @param coldCpu CPU time of the new JVM's process when the context was ready (every thread: the JIT and the
	 * collector too), or {@literal null}; unlike wall time it barely moves when other processes load the machine
	 */
	/**
	 * One contender's time per operation under a simulated network.
	 *
	 * @param millis milliseconds per operation, median and range over rounds
	 * @param rounds milliseconds per operation in each round, for paired ratios
	 * @param requests HTTP requests per operation
	 */
	public record LatencyFigure(Spread millis, List<Double> rounds, double requests) {
	}

	/**
	 * One row of the compression-level table.
	 *
	 * @param size the document size class, e.g. {@code ~10 KB}
	 * @param json bytes of the document's JSON
	 * @param level the gzip level, 0 uncompressed, -1 the peer
	 * @param nanos client CPU per versioned write (nanoseconds against replayed responses)
	 * @param vsPeer that time over the peer's, paired by round
	 * @param latestBytes stored size of {@code v0} (the peer's only item)
	 * @param historyBytes stored size of a history version (0 for the peer)
	 * @param writeUnits WCU of one versioned write by the pricing rules
	 * @param readUnits RCU of one eventually consistent read of the latest version by the pricing rules
	 */
	public record CompressionRow(String size, int json, int level, Spread nanos, Spread vsPeer, long latestBytes,
			long historyBytes, double writeUnits, double readUnits) {
	}

	public record Startup(String variant, Spread warm, @Nullable Spread cold, @Nullable Spread coldUptime,
			@Nullable Spread coldCpu) {
	}

}
