package dev.singletable.benchmarks;

import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.singletable.benchmarks.Results.Accounting;
import dev.singletable.benchmarks.Results.Cpu;
import dev.singletable.benchmarks.Sample.Spread;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-write table of issue 52 is written from the figures of a run: requests before and after the answer, S3
 * calls only for the writes that send any, the estimated write units, client CPU but none for the Python pattern.
 */
class WriteLimitsSectionTests {

	@Test
	void writesOneRowPerWriteWithEveryContendersFigures() {
		Results results = new Results(Settings.smoke());
		for (Operation operation : Operation.values()) {
			Map<Side, Accounting> figures = new EnumMap<>(Side.class);
			Map<Side, Cpu> cpu = new EnumMap<>(Side.class);
			for (Side side : Side.values()) {
				figures.put(side, accounting(3, 1, 0, 0, 25));
				cpu.put(side, new Cpu(new Spread(118_400, 100_000, 130_000, 2), 0, 1));
			}
			results.accounting().put(operation, figures);
			results.cpu().put(operation, cpu);
		}
		// a blob write: the upload and the transaction before the answer; the probe, the prune, the query and the
		// object's delete after it (the SDK retried one upload: 3 attempts, 2 calls)
		results.accounting().get(Operation.UPDATE_BLOB).put(Side.SINGLETABLE, new Accounting(4, 0, 0, 0, 0, 13, 2, 3, 2, 1,
				2, 1));
		results.python().put(Operation.UPDATE_VERSIONED, accounting(5, 5, 0, 0, 25));
		results.python().put(Operation.UPDATE_BLOB, accounting(5, 5, 1, 1, 4));

		String markdown = render(results);

		assertThat(markdown).startsWith(WriteLimitsSection.HEADING + "\n\n")
			.contains("| Write | singletable | floor (raw SDK) | Python 16.5.0's pattern | peer (Enhanced Client) |\n"
					+ "|---|---:|---:|---:|---:|\n")
			.contains("| versioned update | 1 / 2 / 25.0 / 118 | 1 / 2 / 25.0 / 118 | 5 / 0 / 25.0 / — | 1 / 2 / 25.0 / 118 |\n")
			.contains("| blob write, attachment changed | 1 + 1 S3 / 3 + 1 S3 / 13.0 / 118 | 1 / 2 / 25.0 / 118 | "
					+ "5 + 1 S3 / 0 / 4.0 / — |")
			.contains("| create | 1 / 2 / 25.0 / 118 | 1 / 2 / 25.0 / 118 | not measured | 1 / 2 / 25.0 / 118 |\n");
		assertThat(markdown.lines().filter((line) -> line.startsWith("| ") && !line.startsWith("| Write"))).hasSize(7);
	}

	@Test
	void aRunThatCountedNoRequestsHasNoSuchSection() {
		assertThat(render(new Results(Settings.smoke()))).isEmpty();
	}

	private static Accounting accounting(double requests, double before, double s3Calls, double s3Before, double wcu) {
		return new Accounting(requests, 0, 0, 0, 0, wcu, 2, s3Calls, s3Calls, before, s3Before, s3Before);
	}

	private static String render(Results results) {
		StringBuilder out = new StringBuilder();
		new WriteLimitsSection(results).render(out);
		return out.toString();
	}

}
