package dev.singletable.console;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A side-by-side line diff of two texts (pretty-printed JSON of two versions): the longest common subsequence of
 * their lines, then the lines between two common ones paired up as changed, the rest added or removed.
 */
final class LineDiff {

	/** Above this many lines on one side the texts are compared as one change rather than line by line. */
	static final int MAX_LINES = 4000;

	enum Kind {

		SAME, CHANGED, ADDED, REMOVED

	}

	/**
	 * One row of the side-by-side view.
	 * @param kind how the two sides differ
	 * @param leftNumber the left line number (from 1), or 0 when the left side is empty
	 * @param left the left line, or {@literal null}
	 * @param rightNumber the right line number (from 1), or 0 when the right side is empty
	 * @param right the right line, or {@literal null}
	 */
	record Row(Kind kind, int leftNumber, @Nullable String left, int rightNumber, @Nullable String right) {
	}

	private LineDiff() {
	}

	static List<Row> diff(String leftText, String rightText) {
		String[] left = leftText.split("\n", -1);
		String[] right = rightText.split("\n", -1);
		List<Row> rows = new ArrayList<>();
		if (left.length > MAX_LINES || right.length > MAX_LINES) {
			pair(rows, left, 0, left.length, right, 0, right.length);
			return rows;
		}
		int[][] lcs = new int[left.length + 1][right.length + 1];
		for (int i = left.length - 1; i >= 0; i--) {
			for (int j = right.length - 1; j >= 0; j--) {
				lcs[i][j] = left[i].equals(right[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
			}
		}
		int i = 0;
		int j = 0;
		int gapLeft = 0;
		int gapRight = 0;
		while (i < left.length && j < right.length) {
			if (left[i].equals(right[j])) {
				pair(rows, left, gapLeft, i, right, gapRight, j);
				rows.add(new Row(Kind.SAME, i + 1, left[i], j + 1, right[j]));
				i++;
				j++;
				gapLeft = i;
				gapRight = j;
			}
			else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
				i++;
			}
			else {
				j++;
			}
		}
		pair(rows, left, gapLeft, left.length, right, gapRight, right.length);
		return rows;
	}

	/** The lines between two common ones: paired as changed while both sides have one, then removed or added. */
	private static void pair(List<Row> rows, String[] left, int leftFrom, int leftTo, String[] right, int rightFrom,
			int rightTo) {
		int l = leftFrom;
		int r = rightFrom;
		while (l < leftTo && r < rightTo) {
			rows.add(new Row(Kind.CHANGED, l + 1, left[l], r + 1, right[r]));
			l++;
			r++;
		}
		while (l < leftTo) {
			rows.add(new Row(Kind.REMOVED, l + 1, left[l], 0, null));
			l++;
		}
		while (r < rightTo) {
			rows.add(new Row(Kind.ADDED, 0, null, r + 1, right[r]));
			r++;
		}
	}

}
