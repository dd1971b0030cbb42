package dev.singletable.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A report written over an earlier one keeps what the run did not measure: the earlier report's sections and
 * subsections the new one lacks, in their place, labelled with the date of the run that measured them; what the run
 * measured replaces the earlier figures; the run's notes are not kept.
 */
class ReportSectionsTests {

	private static final String EARLIER = """
			# Benchmarks

			Produced by `mvn` (mode `full`, 2026-11-27T11:03:30 UTC, 1944 s).

			## 1. Throughput

			old throughput

			## 6. Spring start-up

			old start-up

			### Java 25 and its AOT cache (issue 33)

			measured apart

			## 11. Development loop (issue 31)

			hand-written loop figures

			```sh
			## not a heading
			```

			## 12. Change events (issue 34)

			hand-written event figures

			## How it is measured

			old method

			## Notes of this run

			- old note
			""";

	private static final String RUN = """
			# Benchmarks

			Produced by `mvn` (mode `full`, 2026-11-28T09:18:00 UTC, 2000 s).

			## 1. Throughput

			new throughput

			## 6. Spring start-up

			new start-up

			## How it is measured

			new method
			""";

	@Test
	void sectionsTheRunDidNotMeasureAreKeptInTheirPlaceLabelledWithTheDateOfTheirRun() {
		String report = ReportSections.carryOver(EARLIER, RUN);

		assertThat(report).contains("new throughput", "new start-up", "new method", "Produced by `mvn` (mode `full`, "
				+ "2026-11-28T09:18:00 UTC")
			.doesNotContain("old throughput", "old start-up", "old method", "Notes of this run", "old note");
		assertThat(report).containsSubsequence("## 1. Throughput", "## 6. Spring start-up", "new start-up",
				"### Java 25 and its AOT cache (issue 33)", "## 11. Development loop (issue 31)", "## not a heading",
				"## 12. Change events (issue 34)", "## How it is measured");
		assertThat(report).contains("""
				## 11. Development loop (issue 31)

				_Kept: not measured by the run above; measured by the run of 2026-11-27T11:03:30 UTC or an earlier \
				one, as its text says._

				hand-written loop figures
				""");
		assertThat(report).contains("""
				### Java 25 and its AOT cache (issue 33)

				_Kept: not measured by the run above; measured by the run of 2026-11-27T11:03:30 UTC or an earlier \
				one, as its text says._

				measured apart
				""");
		assertThat(report.split("\n## 11\\.", -1)).as("section 11 once").hasSize(2);
	}

	@Test
	void aKeptSectionKeepsTheDateOfTheRunThatMeasuredItThroughLaterRuns() {
		String once = ReportSections.carryOver(EARLIER, RUN);
		String later = RUN.replace("2026-11-28T09:18:00", "2026-11-29T08:00:00").replace("new throughput",
				"newer throughput");

		String twice = ReportSections.carryOver(once, later);

		assertThat(twice).contains("newer throughput").doesNotContain("new throughput");
		assertThat(twice.split("_Kept: not measured by the run above", -1)).as("two labels: section 11, 12 and the subsection")
			.hasSize(4);
		assertThat(twice).doesNotContain("the run of 2026-11-28T09:18:00 UTC or an earlier one");
		assertThat(twice).containsSubsequence("## 11. Development loop", "the run of 2026-11-27T11:03:30 UTC",
				"hand-written loop figures", "## 12. Change events", "the run of 2026-11-27T11:03:30 UTC",
				"## How it is measured");
	}

	@Test
	void aSectionTheRunMeasuresReplacesTheKeptOne() {
		String once = ReportSections.carryOver(EARLIER, RUN);
		String measured = RUN.replace("## How it is measured", """
				## 12. Change events (issue 34)

				event figures of this run

				## How it is measured""");

		String report = ReportSections.carryOver(once, measured);

		assertThat(report).contains("event figures of this run").doesNotContain("hand-written event figures");
		assertThat(report).containsSubsequence("## 11. Development loop", "## 12. Change events",
				"event figures of this run", "## How it is measured");
	}

	@Test
	void withoutAnEarlierReportTheRunsIsWrittenAsItIs() {
		assertThat(ReportSections.carryOver(null, RUN)).isEqualTo(RUN);
		assertThat(ReportSections.carryOver("", RUN)).isEqualTo(RUN);
		assertThat(ReportSections.carryOver(RUN, RUN)).isEqualTo(RUN);
	}

}
