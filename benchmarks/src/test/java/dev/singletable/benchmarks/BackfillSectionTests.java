package dev.singletable.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run of the backfill rows alone puts its section into the report file without touching the rest of it.
 */
class BackfillSectionTests {

	private static final String SECTION = BackfillSection.HEADING + " (issue 25)\n\nnew figures\n\n";

	@Test
	void replacesTheSectionTheReportHoldsAndKeepsWhatFollows() {
		String report = "# Benchmarks\n\n## 8. Compression level\n\nold 8\n\n" + BackfillSection.HEADING
				+ " (issue 25)\n\nold figures\n\n## How it is measured\n\nmethod\n";
		assertThat(BackfillSection.splice(report, SECTION)).isEqualTo("# Benchmarks\n\n## 8. Compression level\n\nold 8\n\n"
				+ SECTION + "## How it is measured\n\nmethod\n");
	}

	@Test
	void replacesASectionAtTheEndOfTheReport() {
		String report = "# Benchmarks\n\n" + BackfillSection.HEADING + " (issue 25)\n\nold figures\n";
		assertThat(BackfillSection.splice(report, SECTION)).isEqualTo("# Benchmarks\n\n" + SECTION);
	}

	@Test
	void insertsTheSectionBeforeTheMethodWhenTheReportHasNone() {
		String report = "# Benchmarks\n\n## 8. Compression level\n\nold 8\n\n## How it is measured\n\nmethod\n";
		assertThat(BackfillSection.splice(report, SECTION)).isEqualTo("# Benchmarks\n\n## 8. Compression level\n\nold 8\n\n"
				+ SECTION + "## How it is measured\n\nmethod\n");
	}

	@Test
	void appendsTheSectionToAnEmptyOrUnknownReport() {
		assertThat(BackfillSection.splice("", SECTION)).isEqualTo("\n" + SECTION);
		assertThat(BackfillSection.splice("# Other\n\ntext\n\n", SECTION)).isEqualTo("# Other\n\ntext\n\n" + SECTION);
	}

}
