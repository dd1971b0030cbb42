package dev.singletable.evolution.internal.backfill;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.singletable.evolution.internal.backfill.BackfillProgress.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parts of the engine that need no table: the split of a type index's sort keys into ranges of as many keys, the progress
 * line, and the capacity limiter's pace.
 */
class BackfillEngineUnitTests {

	@Test
	void typeIndexRangesHoldAsManyKeysEachWhenTheKeysComeInBursts() {
		// three bursts of modification times a month apart, 1 ms apart within a burst: a split by time range would
		// leave the segments between the bursts empty
		List<String> keys = new ArrayList<>();
		for (int burst = 0; burst < 3; burst++) {
			Instant start = Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofDays(30L * burst));
			for (int i = 0; i < 40_000 * (burst + 1); i++) {
				keys.add(start.plusMillis(i).toString());
			}
		}
		keys.sort((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
		KeyQuantiles quantiles = new KeyQuantiles(4096);
		keys.forEach(quantiles::add);

		List<String> bounds = quantiles.bounds(8);

		assertThat(quantiles.count()).isEqualTo(keys.size());
		assertThat(bounds).hasSize(9).startsWith(keys.get(0)).endsWith(keys.get(keys.size() - 1));
		long[] counts = new long[8];
		for (String key : keys) {
			counts[segmentOf(key, bounds)]++;
		}
		assertThat(Arrays.stream(counts).sum()).isEqualTo(keys.size());
		long even = keys.size() / 8;
		for (long count : counts) {
			assertThat(count).isBetween(even - keys.size() / 1000, even + keys.size() / 1000);
		}
	}

	@Test
	void typeIndexRangesOfFewKeysAreExactAndOfNoneEmpty() {
		KeyQuantiles quantiles = new KeyQuantiles(4096);
		assertThat(quantiles.bounds(4)).isEmpty();
		for (int i = 0; i < 10; i++) {
			quantiles.add("k" + i);
		}
		assertThat(quantiles.bounds(4)).containsExactly("k0", "k2", "k5", "k7", "k9");
		// one key: every segment but the last is empty, the last holds it
		KeyQuantiles one = new KeyQuantiles(4096);
		one.add("x");
		assertThat(one.bounds(3)).containsExactly("x", "x", "x", "x");
	}

	/** The segment a key is read by, as {@code TypeIndexSource} reads them: {@code [low, high)}, the last closed. */
	private static int segmentOf(String key, List<String> bounds) {
		for (int i = 0; i < bounds.size() - 2; i++) {
			if (key.compareTo(bounds.get(i + 1)) < 0) {
				return i;
			}
		}
		return bounds.size() - 2;
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
		assertThat(progress.counts().written()).isEqualTo(4_000);
	}

	@Test
	void theLimiterLetsThroughTheLimitPerSecond() throws InterruptedException {
		CapacityLimiter limiter = new CapacityLimiter(200);
		long started = System.nanoTime();
		double paid = 0;
		while (paid < 400) {
			// as the run's plans do: wait as long as the limiter says, ask again, then send and pay
			for (Duration wait = limiter.waitTime(); !wait.isZero(); wait = limiter.waitTime()) {
				Thread.sleep(wait.toMillis());
			}
			limiter.pay(5);
			paid += 5;
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		// 400 units at 200 per second: the last payment is not waited for
		assertThat(395 / seconds).isBetween(180.0, 220.0);
	}

}
