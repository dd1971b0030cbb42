package dev.singletable.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import org.jspecify.annotations.Nullable;

import dev.singletable.benchmarks.Results.Accounting;
import dev.singletable.benchmarks.Results.Cpu;
import dev.singletable.benchmarks.Results.Memory;
import dev.singletable.benchmarks.Results.Storage;
import dev.singletable.benchmarks.Sample.Spread;
import dev.singletable.benchmarks.backfill.BackfillBenchmark;
import dev.singletable.benchmarks.blob.Attachments;
import dev.singletable.benchmarks.floor.FloorContender;
import dev.singletable.benchmarks.model.ArticleDocument;
import dev.singletable.benchmarks.model.Documents;
import dev.singletable.benchmarks.model.PlainArticle;
import dev.singletable.benchmarks.model.VersionedArticle;
import dev.singletable.benchmarks.peer.PeerArticle;
import dev.singletable.benchmarks.peer.PeerContender;
import dev.singletable.benchmarks.reactive.ReactiveBenchmark;
import dev.singletable.benchmarks.reactive.ReactiveSettings;
import dev.singletable.core.StoredItemSizes;
import dev.singletable.core.internal.execution.BackgroundWork;
import dev.singletable.benchmarks.sdk.ScriptedHttpClient.Recorded;
import dev.singletable.benchmarks.startup.StartupBenchmark;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.core.schema.SingleTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.json.JsonMapper;

/**
 * One run of every benchmark, in order: set-up on DynamoDB Local, throughput, requests and capacity per
 * operation, stored sizes, client CPU against replayed responses, heap while streaming, backfills, the reactive
 * API against the blocking one, and Spring start-up.
 * Contenders take turns within each round, in a rotating order, so that drift in the machine or in DynamoDB
 * Local affects all of them alike.
 */
public final class BenchmarkRun {

	/** The table of singletable and the floor. */
	static final String TABLE = "benchmarks";

	/** The table of the Enhanced Client. */
	static final String PEER_TABLE = "benchmarks-peer";

	/** Heap growth between 1k and all streamed items still counted as flat. */
	static final long FLAT_HEAP_BYTES = 2L * 1024 * 1024;

	/** The turns each contender's warm-up on DynamoDB Local is split into. */
	static final int WARMUP_TURNS = 3;

	private static final Pattern COUNT = Pattern.compile("\"Count\":(\\d+)");

	/**
	 * The buffer the full run flushes the caches through for section 4's cold rows: as large as the last-level cache
	 * an EPYC core complex shares (how much of it a VM reaches varies; PERFORMANCE.md, "Cold caches").
	 */
	static final int COLD_FLUSH_KB = 32 * 1024;

	private final Settings settings;

	private final PrintStream progress;

	private final Results results;

	private final Map<Side, SdkWiring> wirings = new EnumMap<>(Side.class);

	private final Map<Side, Contender> contenders = new EnumMap<>(Side.class);

	private final Map<Operation, Map<Side, List<Recorded>>> scripts = new EnumMap<>(Operation.class);

	private final Fixture fixture;

	/**
	 * Creates a run.
	 * @param settings how much to measure
	 * @param progress where to report progress
	 */
	public BenchmarkRun(Settings settings, PrintStream progress) {
		this.settings = settings;
		this.progress = progress;
		this.results = new Results(settings);
		this.fixture = new Fixture(settings.articles(), settings.pool(), settings.events(), settings.latency().batch());
	}

	/**
	 * Runs every benchmark.
	 * @return the figures
	 */
	public Results run() {
		long start = System.nanoTime();
		try {
			setUp();
			throughput(java.util.EnumSet.allOf(Operation.class));
			// every request of a write counted, those before its answer apart: the work it leaves for after its
			// answer runs there, on other threads, and is waited for before the next operation
			accounting();
			this.results.python().putAll(new PythonPatternRun(this.settings, this.fixture, this::step).run());
			step("operations under a simulated network round trip");
			try (DynamoDbClient seeder = DynamoDbLocal.newClient()) {
				this.results.latency().putAll(new LatencyRun(this.settings, this.wirings, this.contenders, seeder,
						this::step).run());
			}
			this.results.compression().addAll(CompressionCost.run(this.settings.compression(), this::step));
			storage();
			// every request of a write recorded in one order: the clean-ups a write leaves for after its answer run
			// before it (the canned responses of the CPU runs, replayed in sequence)
			cleanupsInline(true);
			this.contenders.values().forEach((contender) -> contender.freezeWrites(true));
			record();
			cpu(java.util.EnumSet.allOf(Operation.class), null);
			// the writes again with cold caches, as DynamoDB Local leaves them between two operations of section 1
			cpu(Operation.writes(), CacheFlush.ofKilobytes(COLD_FLUSH_KB));
			this.contenders.values().forEach((contender) -> contender.freezeWrites(false));
			cleanupsInline(false);
			step("mapping and compression, step by step");
			this.results.breakdown().addAll(Breakdown.run(this.settings, this.fixture,
					((SingleTableContender) this.contenders.get(Side.SINGLETABLE)).template().getConverter()));
			memory();
			step("backfill: singletable's reindex against the floor's");
			this.results.backfill(new BackfillBenchmark(this.settings.backfill(), this::step, this.results.notes()).run());
			step("reactive: the reactive API, the blocking API and the Enhanced async client, many operations in flight");
			this.results.reactive(new ReactiveBenchmark(ReactiveSettings.of(this.settings.mode()), this::step).run());
		}
		finally {
			this.contenders.values().forEach(Contender::close);
			this.wirings.values().forEach(SdkWiring::close);
		}
		step("Spring start-up");
		this.results.startup().addAll(StartupBenchmark.run(this.settings, this.results.notes()));
		this.results.elapsed(Duration.ofNanos(System.nanoTime() - start));
		return this.results;
	}

	private void setUp() {
		step("DynamoDB Local and tables");
		for (Side side : Side.values()) {
			this.wirings.put(side, SdkWiring.create());
		}
		DynamoDbClient admin = this.wirings.get(Side.SINGLETABLE).client();
		// a run starts from empty tables, also after another run in the same JVM (the tests')
		for (String table : List.of(TABLE, PEER_TABLE)) {
			try {
				admin.deleteTable((request) -> request.tableName(table));
			}
			catch (software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException ex) {
				// none yet
			}
			SingleTableSchema.standard(table).create(admin);
		}
		Attachments.createBucket(this.wirings.get(Side.SINGLETABLE).s3());
		this.contenders.put(Side.SINGLETABLE, new SingleTableContender(this.wirings.get(Side.SINGLETABLE).client(), TABLE,
				this.wirings.get(Side.SINGLETABLE).s3()));
		this.contenders.put(Side.FLOOR,
				new FloorContender(this.wirings.get(Side.FLOOR).client(), TABLE, this.wirings.get(Side.FLOOR).s3()));
		this.contenders.put(Side.PEER,
				new PeerContender(this.wirings.get(Side.PEER).client(), PEER_TABLE, this.wirings.get(Side.PEER).s3()));
		Fixture fixture = this.fixture;
		for (Side side : Side.values()) {
			step("set-up of " + side.label() + ": " + fixture.articles() + " articles, " + fixture.pool()
					+ " articles per update pool, " + fixture.events() + " events");
			this.contenders.get(side).setUp(fixture);
		}
	}

	private void throughput(java.util.Set<Operation> operations) {
		for (Operation operation : operations) {
			step("throughput on DynamoDB Local: " + label(operation));
			// warm-up in turns, rotated like the rounds: each contender's code is compiled, and the heap settled,
			// while the others run too, as they will in the measured rounds
			Duration turn = this.settings.warmup().dividedBy(WARMUP_TURNS);
			for (int warmup = 0; warmup < WARMUP_TURNS; warmup++) {
				for (Side side : rotated(warmup)) {
					Sample.run(operation, this.contenders.get(side), turn);
					awaitWorkAfterAnswers();
				}
			}
			Map<Side, List<Double>> rates = new EnumMap<>(Side.class);
			for (int round = 0; round < this.settings.rounds(); round++) {
				for (Side side : rotated(round)) {
					this.wirings.get(side).resetRequests();
					Sample sample = Sample.run(operation, this.contenders.get(side), this.settings.round());
					// a round lasts until the work its writes left for after their answers has ended: that work is
					// the round's (singletable's background pool, the floor's threads), not the next contender's
					long start = System.nanoTime();
					awaitWorkAfterAnswers();
					long drained = System.nanoTime() - start;
					rates.computeIfAbsent(side, (key) -> new ArrayList<>())
						.add(sample.operations() * 1e9 / (sample.nanos() + drained));
				}
			}
			Map<Side, Spread> spreads = new EnumMap<>(Side.class);
			rates.forEach((side, values) -> spreads.put(side, Spread.of(values)));
			this.results.throughput().put(operation, spreads);
			this.results.throughputRounds().put(operation, rates);
		}
	}

	/**
	 * Counts the requests and capacity units of each operation: all the requests it causes, and apart those sent on
	 * this thread, before the answer. The work a write leaves for after its answer (singletable's background threads,
	 * the floor's threads of its own) is waited for after each operation, so that it is counted with the operation
	 * that left it, in the order it would run inline (the capacity estimate of a prune's delete follows the
	 * transaction before it).
	 */
	private void accounting() {
		step("requests and capacity per operation");
		for (Operation operation : Operation.values()) {
			int count = (operation == Operation.STREAM) ? Math.min(2, this.settings.accountingOperations())
					: this.settings.accountingOperations();
			Map<Side, Accounting> figures = new EnumMap<>(Side.class);
			for (Side side : Side.values()) {
				SdkWiring wiring = this.wirings.get(side);
				this.contenders.get(side).rewind();
				// the work left by the operations before (the throughput rounds' among them) is no part of these
				awaitWorkAfterAnswers();
				wiring.resetRequests();
				wiring.countCallerOf(Thread.currentThread());
				wiring.capacity().enable();
				try {
					for (int i = 0; i < count; i++) {
						operation.run(this.contenders.get(side));
						awaitWorkAfterAnswers();
					}
				}
				finally {
					wiring.countCallerOf(null);
				}
				figures.put(side, Accounting.of(wiring, wiring.capacity().disable(), count));
			}
			this.results.accounting().put(operation, figures);
		}
	}

	/**
	 * Waits until the work the writes left for after their answers ended: singletable's background work, the
	 * floor's prunes and blob clean-ups (the peer leaves none).
	 */
	private void awaitWorkAfterAnswers() {
		if (!BackgroundWork.shared().awaitIdle(Duration.ofSeconds(30))) {
			this.results.notes().add("singletable's work after the answers did not end within 30 s while requests were "
					+ "counted; the requests per operation are suspect.");
		}
		((FloorContender) this.contenders.get(Side.FLOOR)).awaitBlobCleanups();
	}

	private void storage() {
		step("stored bytes per article");
		DynamoDbClient client = this.wirings.get(Side.SINGLETABLE).client();
		SingleTableTemplate template = ((SingleTableContender) this.contenders.get(Side.SINGLETABLE)).template();
		DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
		DynamoDbTable<PeerArticle> peerTable = enhanced.table(PEER_TABLE, TableSchema.fromBean(PeerArticle.class));
		int documents = 20;
		double json = 0;
		double gzipJson = 0;
		double prose = 0;
		double gzipProse = 0;
		double latest = 0;
		double history = 0;
		double plain = 0;
		double peer = 0;
		double floorLatest = 0;
		double floorPlain = 0;
		FloorContender floor = (FloorContender) this.contenders.get(Side.FLOOR);
		JsonMapper mapper = template.getConverter().getJsonMapper();
		for (int i = 0; i < documents; i++) {
			ArticleDocument document = Documents.article(1000 + i);
			VersionedArticle versioned = template.create(VersionedArticle.of(document));
			byte[] bytes = mapper.writeValueAsBytes(versioned);
			json += bytes.length;
			gzipJson += gzip(bytes).length;
			byte[] text = Documents.prose(document).getBytes(java.nio.charset.StandardCharsets.UTF_8);
			prose += text.length;
			gzipProse += gzip(text).length;
			latest += size(client, TABLE, "VersionedArticle#" + versioned.id(), "v0");
			history += size(client, TABLE, "VersionedArticle#" + versioned.id(), "v1");
			PlainArticle stored = template.create(PlainArticle.of(document));
			plain += size(client, TABLE, "PlainArticle#" + stored.id(), "PlainArticle#" + stored.id());
			String floorId = floor.createVersioned(document).id();
			floorLatest += size(client, TABLE, "VersionedArticle#" + floorId, "v0");
			String floorPlainId = floor.createPlain(document).id();
			floorPlain += size(client, TABLE, "PlainArticle#" + floorPlainId, "PlainArticle#" + floorPlainId);
			PeerArticle bean = PeerContender.bean(document);
			peerTable.putItem(bean);
			peer += size(client, PEER_TABLE, bean.getPk(), bean.getSk());
		}
		this.results.storage(new Storage(documents, json / documents, gzipJson / documents, gzipProse / prose,
				latest / documents, history / documents, plain / documents, floorLatest / documents,
				floorPlain / documents, peer / documents));
	}

	/**
	 * Measures only the throughput on DynamoDB Local of the given operations (section 1's rows), for work on one of
	 * them: the set-up and the rounds as {@link #run()} does them.
	 * @param operations the operations to measure
	 * @return the figures, section 1's alone
	 */
	public Results throughputOnly(java.util.Set<Operation> operations) {
		return only(() -> throughput(operations));
	}

	/**
	 * Measures only the client CPU of the given operations (section 4's rows), for work on one of them: the set-up,
	 * the responses recorded and the rounds against them, as {@link #run()} does them.
	 * @param operations the operations to measure
	 * @param flush flushes the caches before each measured operation (not during the warm-up), {@literal null} for
	 * none
	 * @return the figures, section 4's alone: {@link Results#cpu()}, or with a flush {@link Results#coldCpu()}
	 */
	public Results cpuOnly(java.util.Set<Operation> operations, @Nullable CacheFlush flush) {
		return only(() -> {
			cleanupsInline(true);
			this.contenders.values().forEach((contender) -> contender.freezeWrites(true));
			record();
			cpu(operations, flush);
		});
	}

	/** Sets up, runs one section's measurement and closes the contenders: a run of that section alone. */
	private Results only(Runnable measurement) {
		long start = System.nanoTime();
		try {
			setUp();
			measurement.run();
		}
		finally {
			this.contenders.values().forEach(Contender::close);
			this.wirings.values().forEach(SdkWiring::close);
		}
		this.results.elapsed(Duration.ofNanos(System.nanoTime() - start));
		return this.results;
	}

	/**
	 * Makes singletable's and the floor's blob writes run their clean-ups before they answer, or after again.
	 */
	private void cleanupsInline(boolean inline) {
		BackgroundWork.shared().awaitIdle(java.time.Duration.ofSeconds(30));
		((FloorContender) this.contenders.get(Side.FLOOR)).awaitBlobCleanups();
		BackgroundWork.shared().setInline(inline);
		((FloorContender) this.contenders.get(Side.FLOOR)).setBlobCleanupsInline(inline);
	}

	private void record() {
		step("recording responses for the runs without a server");
		for (Operation operation : Operation.values()) {
			Map<Side, List<Recorded>> bySide = new EnumMap<>(Side.class);
			for (Side side : Side.values()) {
				SdkWiring wiring = this.wirings.get(side);
				wiring.http().record();
				operation.run(this.contenders.get(side));
				bySide.put(side, wiring.http().stopRecording());
			}
			this.scripts.put(operation, bySide);
		}
	}

	/**
	 * Measures the client CPU of operations against their recorded responses: into {@link Results#cpu()}, or with
	 * the caches flushed before each operation into {@link Results#coldCpu()}.
	 */
	private void cpu(java.util.Set<Operation> measured, @Nullable CacheFlush flush) {
		for (Operation operation : measured) {
			step("client CPU without a server" + ((flush != null) ? ", caches flushed" : "") + ": " + label(operation));
			Map<Side, Long> operations = new EnumMap<>(Side.class);
			for (Side side : Side.values()) {
				this.wirings.get(side).http().replay(this.scripts.get(operation).get(side));
				Sample warm = Sample.run(operation, this.contenders.get(side), this.settings.cpuWarmup());
				operations.put(side, warm.operations());
			}
			Map<Side, List<Double>> nanos = new EnumMap<>(Side.class);
			Map<Side, List<Double>> bytes = new EnumMap<>(Side.class);
			for (int round = 0; round < this.settings.cpuRounds(); round++) {
				for (Side side : rotated(round)) {
					this.wirings.get(side).resetRequests();
					Sample sample = Sample.run(operation, this.contenders.get(side), this.settings.cpuRound(), flush);
					operations.merge(side, sample.operations(), Long::sum);
					nanos.computeIfAbsent(side, (key) -> new ArrayList<>()).add(sample.cpuNanosPerOperation());
					bytes.computeIfAbsent(side, (key) -> new ArrayList<>()).add(sample.bytesPerOperation());
				}
			}
			Map<Side, Cpu> figures = new EnumMap<>(Side.class);
			for (Side side : Side.values()) {
				long replayed = this.wirings.get(side).http().replayed();
				int recorded = this.scripts.get(operation).get(side).size();
				double requests = (double) replayed / operations.get(side);
				if (replayed != operations.get(side) * recorded) {
					this.results.notes().add(side.label() + " made " + requests + " requests per " + label(operation)
							+ " against canned responses but " + recorded + " when recorded; its CPU figure is suspect.");
				}
				figures.put(side, new Cpu(Spread.of(nanos.get(side)), Spread.of(bytes.get(side)).median(), requests));
			}
			((flush != null) ? this.results.coldCpu() : this.results.cpu()).put(operation, figures);
			((flush != null) ? this.results.coldCpuRounds() : this.results.cpuRounds()).put(operation, nanos);
		}
	}

	private void memory() {
		long target = this.settings.memoryItems();
		for (Side side : Side.values()) {
			step("heap while streaming " + target + " items: " + side.label());
			List<Recorded> pages = this.scripts.get(Operation.STREAM).get(side);
			List<Recorded> script = longStream(pages, target);
			long total = 0;
			for (Recorded page : script) {
				total += count(page);
			}
			this.wirings.get(side).http().replay(script);
			long[] points = { Math.min(1_000, total), total / 2, total };
			long[] samples = new long[points.length];
			long before = usedHeapAfterGc();
			long streamed = this.contenders.get(side).stream(new Consumer<>() {

				private long seen;

				@Override
				public void accept(Object item) {
					this.seen++;
					for (int i = 0; i < points.length; i++) {
						if (this.seen == points[i]) {
							samples[i] = usedHeapAfterGc();
						}
					}
				}

			});
			if (streamed != total) {
				this.results.notes().add(side.label() + " streamed " + streamed + " items from replayed pages holding " + total);
			}
			this.results.memory().put(side, new Memory(before, samples[0], samples[1], samples[2], streamed));
		}
	}

	/**
	 * Builds a replay script that streams about {@code target} items: the recorded pages that continue, repeated,
	 * then the recorded last page.
	 */
	private static List<Recorded> longStream(List<Recorded> pages, long target) {
		List<Recorded> continuing = pages.stream().filter((page) -> page.mentions("LastEvaluatedKey")).toList();
		Recorded last = pages.get(pages.size() - 1);
		List<Recorded> script = new ArrayList<>();
		long items = count(last);
		for (int i = 0; items < target && !continuing.isEmpty(); i++) {
			Recorded page = continuing.get(i % continuing.size());
			script.add(page);
			items += count(page);
		}
		script.add(last);
		return script;
	}

	private static long count(Recorded page) {
		Matcher matcher = COUNT.matcher(new String(page.body(), java.nio.charset.StandardCharsets.UTF_8));
		return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
	}

	private static long usedHeapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

	private static long size(DynamoDbClient client, String table, String pk, String sk) {
		return StoredItemSizes.of(client
			.getItem((request) -> request.tableName(table)
				.key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))
				.consistentRead(true))
			.item());
	}

	/** Gzip of some bytes at the JDK's default level. */
	static byte[] gzip(byte[] bytes) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(bytes);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private List<Side> rotated(int round) {
		return Side.rotated(round);
	}

	private String label(Operation operation) {
		return operation.label(this.settings.events());
	}

	private void step(String message) {
		this.progress.printf("[%s] %s%n", java.time.LocalTime.now().withNano(0), message);
	}

}
