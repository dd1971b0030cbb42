package dev.singletable.benchmarks;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Sample}: the CPU figure counts the thread's work, not the time it waited, and with a
 * {@link CacheFlush} the operations' work alone.
 */
class SampleTests {

	@Test
	void cpuPerOperationLeavesOutTheTimeTheThreadWaited() {
		// each operation parks the thread for 20 ms: wall time, no CPU
		Sample sample = Sample.time(() -> {
			LockSupport.parkNanos(20_000_000L);
			return 1;
		}, Duration.ofMillis(100));

		assertThat(sample.nanosPerOperation()).isGreaterThanOrEqualTo(20_000_000.0);
		assertThat(sample.cpuNanos()).isNotNegative();
		assertThat(sample.cpuNanosPerOperation()).isLessThan(sample.nanosPerOperation() / 4);
	}

	@Test
	void cpuPerOperationCountsTheThreadsWork() {
		long[] sink = { 0 };
		Sample sample = Sample.time(() -> {
			for (int i = 0; i < 200_000; i++) {
				sink[0] += Long.rotateLeft(sink[0] ^ i, 7);
			}
			return sink[0] & 1;
		}, Duration.ofMillis(100));

		assertThat(sample.cpuNanosPerOperation()).isPositive().isLessThanOrEqualTo(sample.nanosPerOperation() * 1.1);
	}

	@Test
	void withoutTheThreadsCpuTheFigureIsTheWallTime() {
		Sample sample = new Sample(4, 8_000, -1, 4, -1);

		assertThat(sample.cpuNanosPerOperation()).isEqualTo(2_000.0);
	}

	@Test
	void withAFlushTheCpuFigureIsTheOperationsAlone() {
		// a flush of 64 MB takes milliseconds of CPU; the operation a few microseconds
		CacheFlush flush = CacheFlush.ofKilobytes(64 * 1024);
		long[] sink = { 0 };
		Sample sample = Sample.time(() -> {
			for (int i = 0; i < 1_000; i++) {
				sink[0] += Long.rotateLeft(sink[0] ^ i, 7);
			}
			return sink[0] & 1;
		}, Duration.ofMillis(200), flush);

		assertThat(sample.operations()).isPositive();
		assertThat(sample.cpuNanos()).isNotNegative();
		assertThat(sample.cpuNanosPerOperation()).isLessThan(sample.nanosPerOperation() / 20);
	}

	@Test
	void aFlushNeedsABuffer() {
		assertThat(CacheFlush.ofKilobytes(32).kilobytes()).isEqualTo(32);
		assertThatIllegalArgumentException().isThrownBy(() -> CacheFlush.ofKilobytes(0)).withMessageContaining("1 KB");
	}

}
