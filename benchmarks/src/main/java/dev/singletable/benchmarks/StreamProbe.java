package dev.singletable.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import dev.singletable.benchmarks.floor.FloorContender;
import dev.singletable.benchmarks.peer.PeerContender;
import dev.singletable.core.schema.SingleTableSchema;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Runs only the latency rows' stream operation ({@link LatencyOperation#STREAM}), many rounds at each round-trip
 * time, and says where its time goes. Besides the three contenders it times two bounds: following the pages of
 * each table's events with the raw SDK without reading the items ("raw pages"), which is what any client pays
 * at least for the same requests. Per stream it reports the wall time and, summed over its requests, the time in
 * the HTTP call (round trip and DynamoDB Local's work until the response headers) and in unmarshalling (reading
 * and parsing the body), split by the thread that spent it (the caller, or a helper fetching ahead); the caller's
 * rest (marshalling, mapping, the consumer, waiting for a page fetched ahead); and the gaps between one
 * response's end and the next request's start, where nothing travels and DynamoDB Local idles.
 * <p>
 * Run it with {@code mvn -q -pl benchmarks exec:exec -Dbenchmarks.args="stream 10000 15 0,5 0"}: events, rounds,
 * round-trip times in ms and the consumer's work per item in µs (0: it drops each item, as the latency rows do).
 * It writes nothing but standard output.
 */
final class StreamProbe {

	/** The table of singletable and the floor. */
	static final String TABLE = "stream-probe";

	/** The table of the Enhanced Client. */
	static final String PEER_TABLE = "stream-probe-peer";

	private final Map<Side, SdkWiring> wirings = new EnumMap<>(Side.class);

	private final Map<Side, Phases> phases = new EnumMap<>(Side.class);

	private final Map<Side, Contender> contenders = new EnumMap<>(Side.class);

	private final int events;

	private StreamProbe(int events) {
		this.events = events;
	}

	/**
	 * Runs the probe from the harness's command line.
	 * @param args {@code stream}, then optionally events (10,000), rounds (15), round-trip times in ms
	 * ({@code 0,5}) and the consumer's work per item in µs (0)
	 */
	static void main(List<String> args) {
		int events = (args.size() > 1) ? Integer.parseInt(args.get(1)) : 10_000;
		int rounds = (args.size() > 2) ? Integer.parseInt(args.get(2)) : 15;
		List<Duration> delays = new ArrayList<>();
		for (String delay : ((args.size() > 3) ? args.get(3) : "0,5").split(",")) {
			delays.add(Duration.ofMillis(Long.parseLong(delay.trim())));
		}
		long work = (args.size() > 4) ? Math.round(Double.parseDouble(args.get(4)) * 1000) : 0;
		run(events, rounds, delays, work, System.out);
	}

	/**
	 * Stores the events, then measures and prints one table per round-trip time.
	 * @param events events each contender stores and streams
	 * @param rounds measured rounds per round-trip time (after 3 unmeasured streams per row)
	 * @param delays the round-trip times
	 * @param workNanos what the consumer spends on each item
	 * @param out where the tables go
	 * @return the figures by round-trip time and row
	 */
	static Map<Duration, Map<String, Row>> run(int events, int rounds, List<Duration> delays, long workNanos,
			PrintStream out) {
		StreamProbe probe = new StreamProbe(events);
		try {
			probe.setUp();
			Map<Duration, Map<String, Row>> figures = new LinkedHashMap<>();
			for (Duration delay : delays) {
				Map<String, Row> rows = probe.measure(delay, rounds, workNanos);
				figures.put(delay, rows);
				print(out, delay, events, rounds, workNanos, rows);
			}
			return figures;
		}
		finally {
			probe.contenders.values().forEach(Contender::close);
			probe.wirings.values().forEach(SdkWiring::close);
		}
	}

	private void setUp() {
		for (Side side : Side.values()) {
			Phases timer = new Phases();
			this.phases.put(side, timer);
			this.wirings.put(side, SdkWiring.create(timer));
		}
		SingleTableSchema.standard(TABLE).create(this.wirings.get(Side.SINGLETABLE).client());
		SingleTableSchema.standard(PEER_TABLE).create(this.wirings.get(Side.SINGLETABLE).client());
		this.contenders.put(Side.SINGLETABLE, new SingleTableContender(this.wirings.get(Side.SINGLETABLE).client(), TABLE));
		this.contenders.put(Side.FLOOR, new FloorContender(this.wirings.get(Side.FLOOR).client(), TABLE));
		this.contenders.put(Side.PEER, new PeerContender(this.wirings.get(Side.PEER).client(), PEER_TABLE));
		Fixture fixture = new Fixture(Fixture.PAGE, 1, this.events, Fixture.PAGE);
		for (Side side : Side.values()) {
			this.contenders.get(side).setUp(fixture);
		}
	}

	private Map<String, Row> measure(Duration delay, int rounds, long workNanos) {
		this.wirings.values().forEach((wiring) -> wiring.network().delay(delay));
		Consumer<Object> consumer = (item) -> work(workNanos);
		Map<String, LongSupplier> streams = new LinkedHashMap<>();
		Map<String, Side> sides = new LinkedHashMap<>();
		for (Side side : Side.values()) {
			Contender contender = this.contenders.get(side);
			streams.put(side.label(), () -> contender.stream(consumer));
			sides.put(side.label(), side);
		}
		for (Side side : List.of(Side.FLOOR, Side.PEER)) {
			String table = (side == Side.FLOOR) ? TABLE : PEER_TABLE;
			String type = (side == Side.FLOOR) ? "Event" : "PeerEvent";
			String name = "raw pages of " + type;
			streams.put(name, () -> rawPages(this.wirings.get(side), table, type, consumer));
			sides.put(name, side);
		}
		try {
			streams.values().forEach((stream) -> {
				for (int i = 0; i < 3; i++) {
					stream.getAsLong();
				}
			});
			Map<String, List<double[]>> samples = new LinkedHashMap<>();
			List<String> names = new ArrayList<>(streams.keySet());
			for (int round = 0; round < rounds; round++) {
				for (int i = 0; i < names.size(); i++) {
					String name = names.get((i + round) % names.size());
					Side side = sides.get(name);
					samples.computeIfAbsent(name, (key) -> new ArrayList<>())
						.add(sample(this.wirings.get(side), this.phases.get(side), streams.get(name)));
				}
			}
			Map<String, Row> rows = new LinkedHashMap<>();
			names.forEach((name) -> rows.put(name, Row.of(samples.get(name))));
			return rows;
		}
		finally {
			this.wirings.values().forEach((wiring) -> wiring.network().delay(Duration.ZERO));
		}
	}

	private double[] sample(SdkWiring wiring, Phases timer, LongSupplier stream) {
		wiring.requests().reset();
		timer.reset();
		long start = System.nanoTime();
		long count = stream.getAsLong();
		long wall = System.nanoTime() - start;
		if (count != this.events) {
			throw new IllegalStateException("Streamed " + count + " of " + this.events + " events");
		}
		return timer.figures(wall, wiring.requests().total(), Thread.currentThread());
	}

	/** Follows the pages of a type's events, giving the consumer the raw items: what any client pays at least. */
	private static long rawPages(SdkWiring wiring, String table, String type, Consumer<Object> consumer) {
		long count = 0;
		Map<String, AttributeValue> startKey = null;
		do {
			Map<String, AttributeValue> start = startKey;
			QueryResponse response = wiring.client()
				.query((request) -> request.tableName(table)
					.indexName("gsitype")
					.keyConditionExpression("gsitype = :p")
					.expressionAttributeValues(Map.of(":p", AttributeValue.fromS(type)))
					.exclusiveStartKey(start));
			response.items().forEach(consumer);
			count += response.items().size();
			startKey = (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty())
					? response.lastEvaluatedKey() : null;
		}
		while (startKey != null);
		return count;
	}

	/** Spins for the consumer's work on one item. */
	private static void work(long nanos) {
		if (nanos > 0) {
			long end = System.nanoTime() + nanos;
			while (System.nanoTime() < end) {
				Thread.onSpinWait();
			}
		}
	}

	private static void print(PrintStream out, Duration delay, int events, int rounds, long workNanos,
			Map<String, Row> rows) {
		out.printf(Locale.ROOT, "round trip %d ms, %d events, %d rounds, consumer work %d ns per item; medians in ms, "
				+ "load average %.2f%n", delay.toMillis(), events, rounds, workNanos,
				ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		out.printf(Locale.ROOT, "%-24s %7s %7s %7s %7s %7s %7s %7s %7s %5s%n", "", "wall", "min", "http-c", "unm-c",
				"http-h", "unm-h", "rest-c", "gaps", "reqs");
		rows.forEach((name, row) -> out.printf(Locale.ROOT,
				"%-24s %7.1f %7.1f %7.1f %7.1f %7.1f %7.1f %7.1f %7.1f %5.1f%n", name, row.wall(), row.minWall(),
				row.callerHttp(), row.callerUnmarshalling(), row.helperHttp(), row.helperUnmarshalling(),
				row.callerRest(), row.gaps(), row.requests()));
	}

	/**
	 * The medians of one row over the rounds, in milliseconds.
	 *
	 * @param wall the stream's wall time
	 * @param minWall the shortest wall time
	 * @param callerHttp HTTP calls on the calling thread
	 * @param callerUnmarshalling unmarshalling on the calling thread
	 * @param helperHttp HTTP calls on helper threads
	 * @param helperUnmarshalling unmarshalling on helper threads
	 * @param callerRest the caller's wall time outside its HTTP calls and unmarshalling
	 * @param gaps time from the end of one response's unmarshalling to the start of the next request's
	 * transmission, summed
	 * @param requests requests per stream
	 */
	record Row(double wall, double minWall, double callerHttp, double callerUnmarshalling, double helperHttp,
			double helperUnmarshalling, double callerRest, double gaps, double requests) {

		static Row of(List<double[]> samples) {
			return new Row(median(samples, 0), samples.stream().mapToDouble((sample) -> sample[0]).min().orElse(0),
					median(samples, 1), median(samples, 2), median(samples, 3), median(samples, 4), median(samples, 5),
					median(samples, 6), median(samples, 7));
		}

		private static double median(List<double[]> samples, int column) {
			List<Double> values = new ArrayList<>(samples.size());
			samples.forEach((sample) -> values.add(sample[column]));
			Collections.sort(values);
			int n = values.size();
			return (n % 2 == 1) ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
		}

	}

	/**
	 * Sums each request's HTTP call and unmarshalling by the thread that spent it, and the gaps between requests.
	 */
	private static final class Phases implements ExecutionInterceptor {

		private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("stream-probe.started");

		private final Map<Thread, LongAdder[]> byThread = new ConcurrentHashMap<>();

		private final LongAdder gaps = new LongAdder();

		private volatile long lastResponse;

		void reset() {
			this.byThread.clear();
			this.gaps.reset();
			this.lastResponse = 0;
		}

		@Override
		public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
			long now = System.nanoTime();
			if (this.lastResponse != 0) {
				this.gaps.add(now - this.lastResponse);
			}
			attributes.putAttribute(STARTED, now);
		}

		@Override
		public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
			add(0, System.nanoTime() - attributes.getAttribute(STARTED));
		}

		@Override
		public void beforeUnmarshalling(Context.BeforeUnmarshalling context, ExecutionAttributes attributes) {
			attributes.putAttribute(STARTED, System.nanoTime());
		}

		@Override
		public void afterUnmarshalling(Context.AfterUnmarshalling context, ExecutionAttributes attributes) {
			long now = System.nanoTime();
			add(1, now - attributes.getAttribute(STARTED));
			this.lastResponse = now;
		}

		private void add(int phase, long nanos) {
			this.byThread.computeIfAbsent(Thread.currentThread(), (key) -> new LongAdder[] { new LongAdder(), new LongAdder() })[phase]
				.add(nanos);
		}

		/** Wall; HTTP and unmarshalling on the caller; on helpers; the caller's rest; gaps; requests: in ms. */
		double[] figures(long wall, long requests, Thread caller) {
			double[] sums = new double[4];
			this.byThread.forEach((thread, phases) -> {
				int offset = (thread == caller) ? 0 : 2;
				sums[offset] += phases[0].sum() / 1e6;
				sums[offset + 1] += phases[1].sum() / 1e6;
			});
			double millis = wall / 1e6;
			return new double[] { millis, sums[0], sums[1], sums[2], sums[3], millis - sums[0] - sums[1],
					this.gaps.sum() / 1e6, requests };
		}

	}

}
