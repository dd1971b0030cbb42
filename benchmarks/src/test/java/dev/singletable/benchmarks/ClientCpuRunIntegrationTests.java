package dev.singletable.benchmarks;

import java.util.EnumSet;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.singletable.benchmarks.Results.Cpu;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BenchmarkRun#cpuOnly}, the run behind {@code Benchmarks "cpu …"}: it measures the operations asked for and no
 * others, each contender against the responses recorded for it, as the full run's section 4 does; with a
 * {@link CacheFlush}, each operation with cold caches.
 */
class ClientCpuRunIntegrationTests {

	@Test
	void measuresTheOperationsAskedForAgainstTheirRecordedResponses() {
		Results results = new BenchmarkRun(Settings.smoke(), System.err)
			.cpuOnly(EnumSet.of(Operation.UPDATE_PLAIN, Operation.UPDATE_VERSIONED), null);
		// a plain update is one PutItem for every contender; singletable's versioned update one transaction (its
		// probe and prune run before it answers while the responses are recorded and replayed)
		assertThat(results.coldCpu()).isEmpty();
		assertMeasuredAsRecorded(results, results.cpu(),
				Map.of(Operation.UPDATE_PLAIN, 1.0, Operation.UPDATE_VERSIONED, 3.0));
	}

	@Test
	void withTheCachesFlushedMeasuresEachOperationAgainstItsRecordedResponses() {
		// how much more an operation costs cold is a figure of the run (PERFORMANCE.md), not asserted here: it needs
		// a warm-up of seconds per contender for the JIT; SampleTests show the flushes are not counted
		Results results = new BenchmarkRun(Settings.smoke(), System.err)
			.cpuOnly(EnumSet.of(Operation.UPDATE_PLAIN, Operation.TRANSACTION), CacheFlush.ofKilobytes(8 * 1024));
		assertThat(results.cpu()).isEmpty();
		assertMeasuredAsRecorded(results, results.coldCpu(),
				Map.of(Operation.UPDATE_PLAIN, 1.0, Operation.TRANSACTION, 3.0));
	}

	/**
	 * Asserts that the figures are of the given operations alone, every contender, and that singletable sent each as
	 * many requests per operation as given, the number it sent when the responses were recorded.
	 */
	private static void assertMeasuredAsRecorded(Results results, Map<Operation, Map<Side, Cpu>> measured,
			Map<Operation, Double> singletableRequests) {
		assertThat(measured).containsOnlyKeys(singletableRequests.keySet());
		measured.forEach((operation, figures) -> {
			assertThat(figures).containsOnlyKeys(Side.values());
			figures.values().forEach((cpu) -> assertThat(cpu.nanos().median()).isPositive());
			assertThat(figures.get(Side.SINGLETABLE).requests()).as(operation.name())
				.isEqualTo(singletableRequests.get(operation));
		});
		assertThat(results.notes()).noneMatch((note) -> note.contains("suspect"));
	}

}
