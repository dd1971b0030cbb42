package dev.singletable.benchmarks.backfill;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import com.github.f4b6a3.ulid.UlidCreator;
import dev.singletable.benchmarks.Sample.Spread;
import dev.singletable.benchmarks.Settings;
import dev.singletable.benchmarks.Side;
import dev.singletable.benchmarks.backfill.BackfillFigures.Heap;
import dev.singletable.benchmarks.backfill.BackfillFigures.Throughput;
import dev.singletable.benchmarks.backfill.Reindexer.Reindexed;
import dev.singletable.benchmarks.sdk.DelayedHttpClient;
import dev.singletable.core.schema.SingleTableSchema;
import dev.singletable.test.DynamoDbLocal;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Runs the backfill benchmark on the in-process DynamoDB Local: writes the tickets in a table of its own, then at
 * each round-trip time lets singletable's {@code reindex} and the {@linkplain FloorReindex floor} re-index them in
 * turns, the table reset before every run so that each does the whole work; then measures the heap of one run of
 * each at two table sizes. Each contender has its own client (the same configuration, a
 * {@link DelayedHttpClient} for the round trip, a counter of requests); the fixture is written and checked by a
 * client without delay. The table is deleted at the end.
 * <p>
 * When singletable's backfill is not built yet ({@code reindex} throws {@link UnsupportedOperationException}), only
 * the floor is measured: {@link BackfillFigures#measured()} says which contenders were.
 */
public final class BackfillBenchmark {

	private final Settings.Backfill settings;

	private final Consumer<String> progress;

	private final List<String> notes;

	private final String table = "backfill-"
			+ UlidCreator.getMonotonicUlid().toString().toLowerCase(java.util.Locale.ROOT);

	private final Map<Side, Client> clients = new EnumMap<>(Side.class);

	private final Map<Side, Reindexer> contenders = new EnumMap<>(Side.class);

	private final List<String> runIds = new ArrayList<>();

	private int stored;

	/**
	 * Creates the benchmark.
	 * @param settings what to measure
	 * @param progress where to report progress
	 * @param notes where to add remarks about the run
	 */
	public BackfillBenchmark(Settings.Backfill settings, Consumer<String> progress, List<String> notes) {
		this.settings = settings;
		this.progress = progress;
		this.notes = notes;
	}

	/**
	 * Runs the benchmark.
	 * @return the figures
	 */
	public BackfillFigures run() {
		try (DynamoDbClient seeder = DynamoDbLocal.newClient()) {
			SingleTableSchema.standard(this.table).create(seeder);
			try {
				return measure(new TicketFixture(seeder, this.table));
			}
			finally {
				this.clients.values().forEach((client) -> client.client().close());
				seeder.deleteTable((request) -> request.tableName(this.table));
			}
		}
	}

	private BackfillFigures measure(TicketFixture fixture) {
		for (Side side : List.of(Side.SINGLETABLE, Side.FLOOR)) {
			this.clients.put(side, Client.create());
		}
		this.contenders.put(Side.FLOOR, new FloorReindex(this.clients.get(Side.FLOOR).client(), this.table));
		this.contenders.put(Side.SINGLETABLE,
				new SingleTableReindex(this.clients.get(Side.SINGLETABLE).client(), this.table));
		int items = this.settings.items();
		grow(fixture, items);
		probeSingletable(fixture);
		Map<Duration, Map<Side, Throughput>> throughput = new LinkedHashMap<>();
		try {
			for (Duration delay : this.settings.delays()) {
				this.clients.values().forEach((client) -> client.network().delay(delay));
				throughput.put(delay, throughput(fixture, delay));
			}
		}
		finally {
			this.clients.values().forEach((client) -> client.network().delay(Duration.ZERO));
		}
		List<Heap> heap = new ArrayList<>();
		for (int size : this.settings.heapItems()) {
			grow(fixture, size);
			for (Side side : sides(this.settings.heapItems().indexOf(size))) {
				this.progress.accept("backfill heap: " + side.label() + ", " + size + " tickets");
				heap.add(heap(fixture, side, size));
			}
		}
		return new BackfillFigures(items, fixture.latestBytes(), this.settings.warmups(), this.settings.rounds(), throughput,
				heap, List.copyOf(this.contenders.keySet()));
	}

	/** Runs singletable's backfill once: when it is not built yet, only the floor is measured. */
	private void probeSingletable(TicketFixture fixture) {
		try {
			run(fixture, Side.SINGLETABLE);
		}
		catch (UnsupportedOperationException ex) {
			this.contenders.remove(Side.SINGLETABLE);
			this.progress.accept("backfill: singletable's reindex is not built in this version (" + ex.getMessage()
					+ "), the floor only is measured");
		}
	}

	private Map<Side, Throughput> throughput(TicketFixture fixture, Duration delay) {
		int items = this.stored;
		for (int warmup = 0; warmup < this.settings.warmups(); warmup++) {
			for (Side side : sides(warmup)) {
				this.progress.accept("backfill warm-up at " + delay.toMillis() + " ms: " + side.label());
				run(fixture, side);
			}
		}
		Map<Side, List<Double>> rates = new EnumMap<>(Side.class);
		Map<Side, Map<String, Long>> requests = new EnumMap<>(Side.class);
		Map<Side, Long> written = new EnumMap<>(Side.class);
		Map<Side, Long> exact = new EnumMap<>(Side.class);
		Map<Side, List<Double>> tails = new EnumMap<>(Side.class);
		for (int round = 0; round < this.settings.rounds(); round++) {
			for (Side side : sides(round)) {
				this.progress.accept("backfill at " + delay.toMillis() + " ms, round " + (round + 1) + ": " + side.label()
						+ ", " + items + " tickets");
				reset(fixture);
				OperationCounts counts = this.clients.get(side).counts();
				counts.reset();
				long start = System.nanoTime();
				Reindexed result = this.contenders.get(side).reindex();
				long end = System.nanoTime();
				double seconds = (end - start) / 1e9;
				this.runIds.add(result.runId());
				tails.computeIfAbsent(side, (key) -> new ArrayList<>()).add((end - counts.lastUpdate()) / 1e6);
				rates.computeIfAbsent(side, (key) -> new ArrayList<>()).add(items / seconds);
				counts.byOperation().forEach((operation, count) -> requests.computeIfAbsent(side, (key) -> new TreeMap<>())
					.merge(operation, count, Long::sum));
				Long before = written.putIfAbsent(side, result.itemsWritten());
				if (result.itemsRead() != items || result.itemsWritten() != items
						|| (before != null && before != result.itemsWritten())) {
					this.notes.add(side.label() + " read " + result.itemsRead() + " and wrote " + result.itemsWritten()
							+ " of " + items + " tickets in a backfill run at " + delay.toMillis() + " ms");
				}
				if (round == 0) {
					exact.put(side, fixture.reindexed(items));
				}
			}
		}
		Map<Side, Throughput> figures = new EnumMap<>(Side.class);
		rates.forEach((side, values) -> {
			Map<String, Double> perItem = new TreeMap<>();
			requests.getOrDefault(side, Map.of())
				.forEach((operation, count) -> perItem.put(operation, (double) count / values.size() / items));
			figures.put(side, new Throughput(Spread.of(values), values, perItem, written.get(side), exact.get(side),
					Spread.of(tails.get(side))));
		});
		return figures;
	}

	/**
	 * One run with the used heap sampled after a full collection before, at every tenth of the tickets written
	 * (counted from the contender's {@code UpdateItem} requests, by a sampling thread) and after.
	 */
	private Heap heap(TicketFixture fixture, Side side, int items) {
		reset(fixture);
		OperationCounts counts = this.clients.get(side).counts();
		counts.reset();
		long before = usedHeapAfterGc();
		List<Long> samples = new java.util.concurrent.CopyOnWriteArrayList<>();
		Thread sampler = new Thread(() -> {
			long next = items / 10;
			while (!Thread.currentThread().isInterrupted() && samples.size() < 9) {
				if (counts.count("UpdateItem") >= next) {
					samples.add(usedHeapAfterGc());
					next += items / 10;
				}
				else {
					try {
						Thread.sleep(2);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}
		}, "backfill-heap-sampler");
		sampler.setDaemon(true);
		long start = System.nanoTime();
		sampler.start();
		Reindexed result;
		try {
			result = this.contenders.get(side).reindex();
		}
		finally {
			sampler.interrupt();
		}
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		try {
			sampler.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.runIds.add(result.runId());
		if (result.itemsWritten() != items) {
			this.notes.add(side.label() + " wrote " + result.itemsWritten() + " of " + items
					+ " tickets in the heap run");
		}
		return new Heap(side, items, before, List.copyOf(samples), usedHeapAfterGc(), elapsed);
	}

	/** Makes the table what it was before any run: every ticket's latest copy as first stored, no run's items. */
	private void reset(TicketFixture fixture) {
		fixture.reset(this.stored, this.runIds);
		this.runIds.clear();
	}

	/** Resets the table, then lets one contender re-index it. */
	private Reindexed run(TicketFixture fixture, Side side) {
		reset(fixture);
		Reindexed result = this.contenders.get(side).reindex();
		this.runIds.add(result.runId());
		return result;
	}

	/** Writes tickets until the table holds {@code items}. */
	private void grow(TicketFixture fixture, int items) {
		if (items > this.stored) {
			this.progress.accept("backfill fixture: writing tickets " + this.stored + " to " + items
					+ " (latest copy and one version each)");
			fixture.write(this.stored, items);
			this.stored = items;
		}
	}

	/** The contenders measured, in the order of a round: alternating, so that neither always goes first. */
	private List<Side> sides(int round) {
		List<Side> sides = new ArrayList<>(this.contenders.keySet());
		if (round % 2 == 1) {
			java.util.Collections.reverse(sides);
		}
		return sides;
	}

	private static long usedHeapAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	/**
	 * One contender's client: DynamoDB Local through a simulated network, its requests counted.
	 *
	 * @param client the client
	 * @param network the round trip added to every request
	 * @param counts its requests by operation
	 */
	record Client(DynamoDbClient client, DelayedHttpClient network, OperationCounts counts) {

		static Client create() {
			DelayedHttpClient network = new DelayedHttpClient(UrlConnectionHttpClient.create());
			OperationCounts counts = new OperationCounts();
			DynamoDbClient client = DynamoDbLocal.clientBuilder()
				.httpClient(network)
				.overrideConfiguration((config) -> config.addExecutionInterceptor(counts))
				.build();
			return new Client(client, network, counts);
		}

	}

}
