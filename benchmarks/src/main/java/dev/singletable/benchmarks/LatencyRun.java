package dev.singletable.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.github.f4b6a3.ulid.UlidCreator;
import dev.singletable.benchmarks.Contender.HistoryLocation;
import dev.singletable.benchmarks.Results.LatencyFigure;
import dev.singletable.benchmarks.Sample.Spread;
import dev.singletable.benchmarks.model.Documents;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The rows under a simulated network: each contender's {@link SdkWiring#network() network} waits the round-trip
 * time before every request, then the operations whose requests follow one another are timed, the contenders
 * taking turns in each round. Histories to delete are stored before each round by a client without delay, so
 * that only the deletes are timed.
 */
final class LatencyRun {

	private final Settings settings;

	private final Map<Side, SdkWiring> wirings;

	private final Map<Side, Contender> contenders;

	private final DynamoDbClient seeder;

	private final Consumer<String> progress;

	private final AttributeValue versionData;

	LatencyRun(Settings settings, Map<Side, SdkWiring> wirings, Map<Side, Contender> contenders, DynamoDbClient seeder,
			Consumer<String> progress) {
		this.settings = settings;
		this.wirings = wirings;
		this.contenders = contenders;
		this.seeder = seeder;
		this.progress = progress;
		// every stored version carries the gzip JSON of a ~10 KB article, as a compressed history does
		this.versionData = AttributeValue.fromB(SdkBytes.fromByteArray(
				BenchmarkRun.gzip(Documents.prose(Documents.article(4242)).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
	}

	/**
	 * Measures every operation at every delay.
	 * @return the figures by delay, operation and side
	 */
	Map<Duration, Map<LatencyOperation, Map<Side, LatencyFigure>>> run() {
		Map<Duration, Map<LatencyOperation, Map<Side, LatencyFigure>>> figures = new java.util.LinkedHashMap<>();
		try {
			for (Duration delay : this.settings.latency().delays()) {
				this.wirings.values().forEach((wiring) -> wiring.network().delay(delay));
				Map<LatencyOperation, Map<Side, LatencyFigure>> byOperation = new EnumMap<>(LatencyOperation.class);
				for (LatencyOperation operation : LatencyOperation.values()) {
					this.progress.accept("round trip of " + delay.toMillis() + " ms: " + operation.label(this.settings));
					byOperation.put(operation, measure(operation));
				}
				figures.put(delay, byOperation);
			}
		}
		finally {
			this.wirings.values().forEach((wiring) -> wiring.network().delay(Duration.ZERO));
		}
		return figures;
	}

	private Map<Side, LatencyFigure> measure(LatencyOperation operation) {
		Settings.Latency latency = this.settings.latency();
		for (Side side : Side.values()) {
			if (operation == LatencyOperation.DELETE_HISTORY) {
				deletes(side, 1);
			}
			else {
				Sample.time(() -> operation.run(this.contenders.get(side), this.settings), latency.warmup());
			}
		}
		Map<Side, List<Double>> millis = new EnumMap<>(Side.class);
		Map<Side, long[]> counts = new EnumMap<>(Side.class);
		for (int round = 0; round < latency.rounds(); round++) {
			for (Side side : Side.rotated(round)) {
				SdkWiring wiring = this.wirings.get(side);
				Sample sample;
				if (operation == LatencyOperation.DELETE_HISTORY) {
					sample = deletes(side, latency.deletes());
				}
				else {
					awaitBackground();
					wiring.requests().reset();
					sample = Sample.time(() -> operation.run(this.contenders.get(side), this.settings), latency.round());
					// the work the writes left for after their answers (a versioned update's probe and prune) counted
					awaitBackground();
				}
				millis.computeIfAbsent(side, (key) -> new ArrayList<>()).add(sample.nanosPerOperation() / 1e6);
				long[] total = counts.computeIfAbsent(side, (key) -> new long[2]);
				total[0] += wiring.requests().total();
				total[1] += sample.operations();
			}
		}
		Map<Side, LatencyFigure> figures = new EnumMap<>(Side.class);
		for (Side side : Side.values()) {
			long[] total = counts.get(side);
			figures.put(side, new LatencyFigure(Spread.of(millis.get(side)), millis.get(side),
					(double) total[0] / total[1]));
		}
		return figures;
	}

	/** Waits for the work singletable and the floor run after their answers. */
	private void awaitBackground() {
		dev.singletable.core.internal.execution.BackgroundWork.shared().awaitIdle(Duration.ofSeconds(30));
		if (this.contenders.get(Side.FLOOR) instanceof dev.singletable.benchmarks.floor.FloorContender floor) {
			floor.awaitBlobCleanups();
		}
	}

	/** Stores histories for one side without delay, then times deleting them; requests are counted from zero. */
	private Sample deletes(Side side, int count) {
		Contender contender = this.contenders.get(side);
		List<String> ids = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			String id = UlidCreator.getMonotonicUlid().toString();
			storeHistory(contender.history(id));
			ids.add(id);
		}
		this.wirings.get(side).requests().reset();
		int next = 0;
		long start = System.nanoTime();
		long results = 0;
		for (String id : ids) {
			results += contender.deleteHistory(id);
			next++;
		}
		return new Sample(next, System.nanoTime() - start, -1, results, -1);
	}

	/** Stores {@code v0} and {@code v1..vN} of an article, as a versioned resource with its whole history. */
	private void storeHistory(HistoryLocation location) {
		int versions = this.settings.latency().versions();
		List<WriteRequest> puts = new ArrayList<>(versions + 1);
		for (int version = 0; version <= versions; version++) {
			long number = (version == 0) ? versions : version;
			puts.add(WriteRequest.builder()
				.putRequest(PutRequest.builder()
					.item(Map.of("pk", AttributeValue.fromS(location.partitionKey()), "sk",
							AttributeValue.fromS("v" + version), "version", AttributeValue.fromN(Long.toString(number)),
							"data", this.versionData))
					.build())
				.build());
		}
		for (int from = 0; from < puts.size(); from += 25) {
			List<WriteRequest> pending = puts.subList(from, Math.min(puts.size(), from + 25));
			while (!pending.isEmpty()) {
				List<WriteRequest> batch = pending;
				pending = this.seeder.batchWriteItem((request) -> request.requestItems(Map.of(location.table(), batch)))
					.unprocessedItems()
					.getOrDefault(location.table(), List.of());
			}
		}
	}

}
