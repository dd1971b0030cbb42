package dev.singletable.benchmarks.backfill;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.singletable.benchmarks.Settings;
import dev.singletable.benchmarks.Side;
import dev.singletable.benchmarks.backfill.BackfillFigures.Heap;
import dev.singletable.benchmarks.backfill.BackfillFigures.Throughput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Runs the backfill rows with tiny counts on the in-process DynamoDB Local and checks that they measure what they
 * claim: every contender re-indexed every ticket exactly (read back from the table), singletable and the floor did
 * the same work, every request paid the round trip, the heap was sampled while each run went on.
 */
class BackfillBenchmarkIntegrationTests {

	private static Settings.Backfill settings;

	private static BackfillFigures figures;

	private static final List<String> notes = new ArrayList<>();

	@BeforeAll
	static void runTheBackfillRowsOnce() {
		settings = Settings.smoke().backfill();
		figures = new BackfillBenchmark(settings, System.err::println, notes).run();
	}

	@Test
	void everyContenderReindexesEveryTicketExactlyAtEveryRoundTrip() {
		assertThat(figures.measured()).contains(Side.FLOOR);
		assertThat(figures.throughput()).containsOnlyKeys(settings.delays());
		figures.throughput().forEach((delay, bySide) -> {
			assertThat(bySide.keySet()).containsExactlyInAnyOrderElementsOf(figures.measured());
			bySide.forEach((side, throughput) -> {
				assertThat(throughput.exact()).as("%s at %s: tickets re-indexed exactly", side, delay)
					.isEqualTo(settings.items());
				assertThat(throughput.written()).as("%s at %s: tickets written", side, delay).isEqualTo(settings.items());
				assertThat(throughput.rounds()).hasSize(settings.rounds());
				assertThat(throughput.itemsPerSecond().median()).isPositive().isFinite();
				// one conditional update per ticket, at least one page of the scan per segment
				assertThat(throughput.requests().get("UpdateItem")).as("%s UpdateItem per ticket", side)
					.isGreaterThanOrEqualTo(1.0);
				assertThat(throughput.requests().get("Scan") * settings.items()).as("%s Scan pages", side)
					.isGreaterThanOrEqualTo(FloorReindex.SEGMENTS);
			});
		});
		assertThat(notes).as("remarks of the run").isEmpty();
	}

	@Test
	void everyRequestWaitsTheRoundTripOnOneOfFourThreads() {
		Duration delay = settings.delays().get(settings.delays().size() - 1);
		assertThat(delay).isPositive();
		figures.throughput().get(delay).forEach((side, throughput) -> {
			// 4 threads, each waiting the round trip before every request: at most 4 / (delay × requests) tickets/s
			double bound = FloorReindex.SEGMENTS / (delay.toNanos() / 1e9 * throughput.totalRequests());
			assertThat(throughput.itemsPerSecond().max()).as("%s tickets/s at %s", side, delay).isLessThanOrEqualTo(bound);
		});
	}

	@Test
	void singletableDoesTheFloorsWork() {
		assertThat(figures.measured()).as("contenders measured").contains(Side.SINGLETABLE);
		figures.throughput().forEach((delay, bySide) -> {
			Throughput ours = bySide.get(Side.SINGLETABLE);
			Throughput floor = bySide.get(Side.FLOOR);
			assertThat(ours.written()).as("tickets written at %s", delay).isEqualTo(floor.written());
			assertThat(ours.exact()).as("tickets re-indexed exactly at %s", delay).isEqualTo(floor.exact());
			// the same pages of the same scan, the same conditional updates, claims and checkpoints, the same header;
			// the run's own header and segment items, written while the scan goes on, may add a page to a segment
			// or not, as they land before or after the scan passes: at most one page and checkpoint per such item
			double slack = (FloorReindex.SEGMENTS + 1.0) / settings.items();
			for (String operation : List.of("Scan", "UpdateItem", "PutItem")) {
				assertThat(ours.requests().get(operation)).as("%s per ticket at %s", operation, delay)
					.isCloseTo(floor.requests().get(operation), within(slack));
			}
		});
	}

	@Test
	void theHeapIsSampledWhileEachRunGoesOnAtEverySize() {
		assertThat(figures.heap()).hasSize(settings.heapItems().size() * figures.measured().size());
		for (Heap heap : figures.heap()) {
			assertThat(settings.heapItems()).contains(heap.items());
			assertThat(heap.samples()).as("%s at %s tickets", heap.side(), heap.items()).hasSize(9);
			assertThat(heap.before()).isPositive();
			assertThat(heap.peak()).isPositive();
		}
		Map<Integer, Long> sizes = new java.util.TreeMap<>();
		figures.heap().forEach((heap) -> sizes.merge(heap.items(), 1L, Long::sum));
		assertThat(sizes.keySet()).containsExactlyElementsOf(settings.heapItems());
	}

}
