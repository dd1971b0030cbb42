package dev.singletable.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.singletable.benchmarks.StreamProbe.Row;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the stream probe with tiny counts and checks that it measures what it claims: every row at every round
 * trip, the same requests for singletable, the floor and the raw pages of their table, the round trip paid in the
 * HTTP calls.
 */
class StreamProbeIntegrationTests {

	@Test
	void measuresEveryRowAtEveryRoundTripWithTheSameRequests() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Map<Duration, Map<String, Row>> figures = StreamProbe.run(300, 2, List.of(Duration.ZERO, Duration.ofMillis(20)),
				1_000, new PrintStream(out, true, StandardCharsets.UTF_8));
		assertThat(figures).containsOnlyKeys(Duration.ZERO, Duration.ofMillis(20));
		for (Map<String, Row> rows : figures.values()) {
			assertThat(rows).containsOnlyKeys("singletable", "floor (raw SDK)", "peer (Enhanced Client)",
					"raw pages of Event", "raw pages of PeerEvent");
			assertThat(rows.get("singletable").requests()).isEqualTo(rows.get("floor (raw SDK)").requests())
				.isEqualTo(rows.get("raw pages of Event").requests())
				.isEqualTo(1);
			assertThat(rows.get("peer (Enhanced Client)").requests()).isEqualTo(rows.get("raw pages of PeerEvent").requests());
			// the consumer spends 1 µs on each of the 300 events
			rows.values().forEach((row) -> assertThat(row.minWall()).isGreaterThanOrEqualTo(0.3));
		}
		figures.get(Duration.ofMillis(20)).forEach((name, row) -> assertThat(row.callerHttp() + row.helperHttp())
			.as("HTTP time of %s under a 20 ms round trip", name)
			.isGreaterThanOrEqualTo(20));
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("round trip 0 ms, 300 events", "round trip 20 ms",
				"raw pages of PeerEvent");
	}

}
