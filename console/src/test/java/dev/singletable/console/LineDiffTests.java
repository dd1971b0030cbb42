package dev.singletable.console;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.singletable.console.LineDiff.Kind;
import dev.singletable.console.LineDiff.Row;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LineDiff}: common lines stay side by side, lines between them pair up as changed, the rest are
 * added or removed.
 */
class LineDiffTests {

	@Test
	void aChangedLineIsPairedBetweenCommonOnes() {
		List<Row> rows = LineDiff.diff("{\n  \"a\" : 1,\n  \"b\" : 2\n}", "{\n  \"a\" : 1,\n  \"b\" : 3\n}");
		assertThat(rows).extracting(Row::kind).containsExactly(Kind.SAME, Kind.SAME, Kind.CHANGED, Kind.SAME);
		assertThat(rows.get(2)).isEqualTo(new Row(Kind.CHANGED, 3, "  \"b\" : 2", 3, "  \"b\" : 3"));
	}

	@Test
	void addedAndRemovedLinesKeepTheirNumbers() {
		List<Row> added = LineDiff.diff("a\nc", "a\nb\nc");
		assertThat(added).containsExactly(new Row(Kind.SAME, 1, "a", 1, "a"), new Row(Kind.ADDED, 0, null, 2, "b"),
				new Row(Kind.SAME, 2, "c", 3, "c"));
		List<Row> removed = LineDiff.diff("a\nb\nc\nd", "a\nd");
		assertThat(removed).extracting(Row::kind).containsExactly(Kind.SAME, Kind.REMOVED, Kind.REMOVED, Kind.SAME);
		assertThat(removed.get(2).leftNumber()).isEqualTo(3);
	}

	@Test
	void identicalTextsHaveOnlyCommonLines() {
		assertThat(LineDiff.diff("x\ny", "x\ny")).extracting(Row::kind).containsOnly(Kind.SAME);
	}

}
