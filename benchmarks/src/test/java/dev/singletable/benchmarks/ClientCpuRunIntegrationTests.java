package dev.singletable.benchmarks;

import java.util.EnumSet;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.singletable.benchmarks.Results.Cpu;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BenchmarkRun#cpuOnly}, the run behind {@code Benchmarks "cpu …"}: it measures the operations asked for and no
 * others, each contender against the responses recorded for it, as the full run's section 4 does.
 */
class ClientCpuRunIntegrationTests {

	@Test
	void measuresTheOperationsAskedForAgainstTheirRecordedResponses() {
		Results results = new BenchmarkRun(Settings.smoke(), System.err)
			.cpuOnly(EnumSet.of(Operation.UPDATE_PLAIN, Operation.UPDATE_VERSIONED));
		assertThat(results.cpu()).containsOnlyKeys(Operation.UPDATE_PLAIN, Operation.UPDATE_VERSIONED);
		for (Map<Side, Cpu> figures : results.cpu().values()) {
			assertThat(figures).containsOnlyKeys(Side.values());
			figures.values().forEach((cpu) -> assertThat(cpu.nanos().median()).isPositive());
		}
		// a plain update is one PutItem for every contender; singletable's versioned update one transaction (its
		// probe and prune run before it answers while the responses are recorded and replayed)
		assertThat(results.cpu().get(Operation.UPDATE_PLAIN).get(Side.SINGLETABLE).requests()).isEqualTo(1.0);
		assertThat(results.cpu().get(Operation.UPDATE_VERSIONED).get(Side.SINGLETABLE).requests()).isEqualTo(3.0);
		assertThat(results.notes()).noneMatch((note) -> note.contains("suspect"));
	}

}
