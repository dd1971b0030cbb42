package dev.singletable.benchmarks;

import java.time.Instant;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.singletable.benchmarks.reactive.Api;
import dev.singletable.benchmarks.reactive.ConcurrentOperation;
import dev.singletable.benchmarks.reactive.ReactiveBenchmark;
import dev.singletable.benchmarks.reactive.ReactiveFigures;
import dev.singletable.benchmarks.reactive.ReactiveFigures.Figure;
import dev.singletable.benchmarks.reactive.ReactiveSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the reactive section end to end with tiny sizes ({@link ReactiveSettings#of(String) smoke}: 4 lanes, 2
 * event-loop threads) on the in-process DynamoDB Local and checks that it measures what it claims: every API did
 * its operations, every request of every API — the asynchronous ones included — waited the round trip, the
 * reactive API and the peer worked only on their event-loop threads while the blocking API used a thread per lane,
 * and the report holds every figure and ratio.
 */
class ReactiveSectionIntegrationTests {

	private static ReactiveSettings settings;

	private static ReactiveFigures figures;

	private static String section;

	@BeforeAll
	static void runTheReactiveSectionOnce() {
		settings = ReactiveSettings.of("smoke");
		figures = new ReactiveBenchmark(settings, System.err::println).run();
		section = ReactiveSection.alone(figures, Instant.now(), 1);
		System.err.println(section);
		System.err.println(figures);
	}

	@Test
	void everyApiRunsEveryOperationInEveryRound() {
		for (ConcurrentOperation operation : ConcurrentOperation.values()) {
			for (Api api : Api.values()) {
				Figure figure = figures.figure(operation, api);
				assertThat(figure.rounds()).as("%s %s rounds", api, operation).hasSize(settings.rounds());
				assertThat(figure.rounds()).as("%s %s ops/s", api, operation).allSatisfy((rate) -> assertThat(rate)
					.isPositive()
					.isFinite());
				// every lane runs at least one operation per round
				assertThat(figure.operations()).isGreaterThanOrEqualTo((long) settings.lanes() * settings.rounds());
				assertThat(figure.cpuMillis()).isPositive();
			}
			// one request per get for everyone; singletable's reactive and blocking updates send the same requests
			assertThat(figures.figure(ConcurrentOperation.GET, Api.REACTIVE).requestsPerOperation()).isEqualTo(1.0);
		}
		for (Api api : Api.values()) {
			assertThat(figures.figure(ConcurrentOperation.GET, api).requestsPerOperation()).as("%s requests per get", api)
				.isEqualTo(1.0);
			// singletable's: the transaction, then after the answer the probe and the prune (issue 52); the prunes of
			// one article's back-to-back updates run one after the other on both APIs, so no probe finds the version
			// the previous prune is still deleting: never a trim
			double update = figures.figure(ConcurrentOperation.UPDATE, api).requestsPerOperation();
			assertThat(update).as("%s requests per update", api).isEqualTo((api == Api.PEER) ? 1.0 : 3.0);
		}
	}

	@Test
	void everyRequestOfEveryApiWaitsTheRoundTrip() {
		for (ConcurrentOperation operation : ConcurrentOperation.values()) {
			for (Api api : Api.values()) {
				Figure figure = figures.figure(operation, api);
				assertThat(figure.delayed()).as("%s %s requests delayed", api, operation).isEqualTo(figure.requests());
				// lanes operations in flight, each request before the answer at least the round trip: no round can
				// go faster (a singletable update's probe and prune follow its answer)
				double onTheLane = (operation == ConcurrentOperation.UPDATE && api != Api.PEER)
						? figure.requestsPerOperation() - 2 : figure.requestsPerOperation();
				double bound = settings.lanes() / (settings.delay().toNanos() / 1e9 * onTheLane);
				assertThat(figure.perSecond().max()).as("%s %s ops/s", api, operation).isLessThanOrEqualTo(bound);
			}
		}
	}

	@Test
	void asynchronousApisWorkOnlyOnTheirEventLoopsAndTheBlockingApiOnAThreadPerLaneAndItsBackgroundThreads() {
		for (ConcurrentOperation operation : ConcurrentOperation.values()) {
			for (Api api : new Api[] { Api.REACTIVE, Api.PEER }) {
				Figure figure = figures.figure(operation, api);
				assertThat(figure.threads()).as("%s %s threads used", api, operation)
					.isNotEmpty()
					.hasSizeLessThanOrEqualTo(settings.loopThreads())
					.allSatisfy((thread) -> assertThat(thread).startsWith(api.threadPrefix() + "loop"));
			}
			// a thread per lane, and for an update the library's threads of the work after the answers (the
			// reactive API's runs on its event loops)
			Figure blocking = figures.figure(operation, Api.BLOCKING);
			assertThat(blocking.threads()).as("blocking %s threads used", operation)
				.filteredOn((thread) -> thread.startsWith(Api.BLOCKING.threadPrefix()))
				.hasSize(settings.lanes());
			assertThat(blocking.threads()).as("blocking %s threads used", operation)
				.filteredOn((thread) -> !thread.startsWith(Api.BLOCKING.threadPrefix()))
				.allSatisfy((thread) -> assertThat(thread).startsWith("singletable-background-"))
				.hasSizeLessThanOrEqualTo((operation == ConcurrentOperation.UPDATE) ? 16 : 0);
			assertThat(blocking.alive()).isEqualTo(settings.blockingThreads());
			assertThat(figures.threadRatio(operation, Api.BLOCKING)).isEqualTo(
					(double) figures.figure(operation, Api.REACTIVE).threads().size() / blocking.threads().size());
		}
	}

	@Test
	void theSectionHasEveryFigureAndRatio() {
		assertThat(section).startsWith(ReactiveSection.HEADING + " and blocking at a 5 ms round trip (issue 26)")
			.contains(ReactiveSection.COMMAND, "mode `smoke`");
		for (ConcurrentOperation operation : ConcurrentOperation.values()) {
			for (Api api : Api.values()) {
				Figure figure = figures.figure(operation, api);
				assertThat(section).contains("| " + operation.label() + " | " + api.label() + " | "
						+ ReportFormat.rate(figure.perSecond().median()) + " (");
			}
			assertThat(section).contains("| " + operation.label() + " | "
					+ ReportFormat.ratio(figures.throughputRatio(operation, Api.BLOCKING).median()) + " (");
			assertThat(section).contains(ReportFormat.ratio(figures.perThreadRatio(operation, Api.PEER)) + " | "
					+ ReportFormat.ratio(figures.cpuRatio(operation, Api.BLOCKING)) + " | "
					+ ReportFormat.ratio(figures.cpuRatio(operation, Api.PEER)) + " |");
		}
		assertThat(section).contains("**Reading.**", "no API can pass 800 requests per second");
		assertThat(figures.cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
	}

	@Test
	void aRunOfTheReactiveRowsAloneReplacesItsSectionOnly() {
		String report = "# Benchmarks\n\n## 9. Backfill (issue 25)\n\nold 9\n\n" + ReactiveSection.HEADING
				+ " and blocking (issue 26)\n\nold figures\n\n## How it is measured\n\nmethod\n";
		assertThat(ReactiveSection.splice(report, section)).isEqualTo(
				"# Benchmarks\n\n## 9. Backfill (issue 25)\n\nold 9\n\n" + section + "## How it is measured\n\nmethod\n");
		String without = "# Benchmarks\n\n## 9. Backfill (issue 25)\n\nold 9\n\n## How it is measured\n\nmethod\n";
		assertThat(ReactiveSection.splice(without, section)).isEqualTo(
				"# Benchmarks\n\n## 9. Backfill (issue 25)\n\nold 9\n\n" + section + "## How it is measured\n\nmethod\n");
	}

}
