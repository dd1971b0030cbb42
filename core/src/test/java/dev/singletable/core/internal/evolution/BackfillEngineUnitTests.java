package dev.singletable.core.internal.evolution;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.singletable.core.internal.evolution.BackfillProgress.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parts of the engine that need no table: the split of a type index's sort keys into ranges, the progress
 * line, and the capacity limiter's pace.
 */
class BackfillEngineUnitTests {

	@Test
	void typeIndexRangesCoverFirstToLastInDynamoDbOrder() {
		List<String> bounds = TypeIndexSource.split("2026-01-01T00:00:00.000000+00:00",
				"2026-03-17T12:30:00.000000+00:00", 4);
		assertThat(bounds).hasSize(5);
		assertThat(bounds.get(0)).isEqualTo("2026-01-01T00:00:00.000000+00:00");
		assertThat(bounds.get(4)).isEqualTo("2026-03-17T12:30:00.000000+00:00");
		for (int i = 1; i < bounds.size(); i++) {
			assertThat(Arrays.compareUnsigned(bounds.get(i - 1).getBytes(StandardCharsets.UTF_8),
					bounds.get(i).getBytes(StandardCharsets.UTF_8)))
				.as("bound %d after bound %d", i, i - 1)
				.isLessThan(0);
		}
		assertThat(bounds.get(2)).startsWith("2026-0");
		// one key: every segment but the last is empty, the last holds it
		assertThat(TypeIndexSource.split("x", "x", 3)).containsExactly("x", "x", "x", "x");
	}

	@Test
	void theProgressLineSaysItemsRateSegmentsAndTimeLeft() throws InterruptedException {
		BackfillPlan plan = new BackfillPlan("r", "reindex", "Ticket", "Ticket", 4, false, 2, Duration.ofSeconds(30), 0,
				Duration.ofSeconds(10), 10, "me");
		BackfillProgress progress = new BackfillProgress(plan, null);
		for (int i = 0; i < 4_000; i++) {
			progress.item(Outcome.WRITTEN);
		}
		progress.segmentsLeft(3);
		Thread.sleep(20);
		assertThat(progress.line(4)).matches(
				"Backfill reindex Ticket \\(run r\\): 4,000 items, [\\d,]+ items/s, 3 of 4 segments left, about \\d+ s left");
		progress.segmentsLeft(4);
		assertThat(progress.line(4)).endsWith("4 of 4 segments left, time left not known yet");
		assertThat(progress.written()).isEqualTo(4_000);
	}

	@Test
	void theLimiterLetsThroughTheLimitPerSecond() throws InterruptedException {
		CapacityLimiter limiter = new CapacityLimiter(200);
		long started = System.nanoTime();
		double paid = 0;
		while (paid < 400) {
			limiter.acquire();
			limiter.pay(5);
			paid += 5;
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		// 400 units at 200 per second: the last payment is not waited for
		assertThat(395 / seconds).isBetween(180.0, 220.0);
	}

}
