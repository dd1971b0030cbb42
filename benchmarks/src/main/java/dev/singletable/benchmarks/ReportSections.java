package dev.singletable.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Keeps what a run does not measure: a report written over an earlier one carries over every section ({@code ## })
 * and subsection ({@code ### }) of the earlier one that it does not have, in the place it had there (after the
 * section it followed), labelled as kept with the date of the earlier report's run (which measured it, or kept it
 * from an earlier run still, whose date its text gives); a label already there stays. Sections measured apart from
 * the full run (the development loop, change events, item collections, packaged sizes, ...) and subsections written
 * by hand into a generated section so survive a full run; a section the run does produce replaces the earlier one.
 * The run's own notes are not carried over. To drop a section for good, delete it from the file before the run.
 */
final class ReportSections {

	/** How the label of a section kept from an earlier run starts; the date of the run that measured it follows. */
	static final String KEPT = "_Kept: not measured by the run above; measured by ";

	private static final String NOTES = "## Notes of this run";

	private static final Pattern RUN_DATE = Pattern.compile("\\(mode `[^`]+`, ([0-9T:-]+) UTC");

	private static final Pattern NUMBERED = Pattern.compile("^(#+) (\\d+(?:\\.\\d+)*)[.\\s].*");

	private ReportSections() {
	}

	/**
	 * Returns a report with what an earlier one had and it has not.
	 * @param earlier the earlier report, {@literal null} when there was none
	 * @param report the report of this run
	 * @return the report, with the earlier report's sections and subsections it lacked
	 */
	static String carryOver(@Nullable String earlier, String report) {
		if (earlier == null || earlier.isBlank()) {
			return report;
		}
		Matcher date = RUN_DATE.matcher(earlier);
		String measured = date.find() ? "the run of " + date.group(1) + " UTC or an earlier one, as its text says"
				: "an earlier run, as its text says";
		Part before = Part.parse(earlier, "## ");
		Part after = Part.parse(report, "## ");
		return join(after.head(), carried(before.sections(), after.sections(), measured, true));
	}

	/** Text followed by sections, a blank line before each. */
	private static String join(String head, List<Section> sections) {
		StringBuilder out = new StringBuilder(head);
		for (Section section : sections) {
			if (out.length() > 0 && !out.toString().endsWith("\n\n")) {
				out.append('\n');
			}
			out.append(section.text());
		}
		return out.toString();
	}

	/**
	 * The sections of a report with the earlier report's that it lacks put after the one they followed (or, when that
	 * one is gone too, after the last carried or present section before them; at the start when none).
	 */
	private static List<Section> carried(List<Section> earlier, List<Section> now, String measured, boolean top) {
		Map<String, Section> present = new LinkedHashMap<>();
		for (Section section : now) {
			present.put(section.key(), section);
		}
		Map<String, Section> earlierByKey = new LinkedHashMap<>();
		for (Section section : earlier) {
			earlierByKey.put(section.key(), section);
		}
		List<Section> merged = new ArrayList<>();
		for (Section section : now) {
			Section before = earlierByKey.get(section.key());
			merged.add((top && before != null) ? section.withSubsections(before, measured) : section);
		}
		String previous = null;
		for (Section section : earlier) {
			if (present.containsKey(section.key())) {
				previous = section.key();
				continue;
			}
			if (top && section.heading().startsWith(NOTES)) {
				continue;
			}
			int at = 0;
			if (previous != null) {
				for (int i = 0; i < merged.size(); i++) {
					if (merged.get(i).key().equals(previous)) {
						at = i + 1;
					}
				}
			}
			else if (top) {
				// before the first section the report has
				at = indexOfMethod(merged);
			}
			merged.add(at, section.labelled(measured));
			previous = section.key();
		}
		return merged;
	}

	/** Where a section carried over with nothing before it goes: before the method section, else at the end. */
	private static int indexOfMethod(List<Section> sections) {
		for (int i = 0; i < sections.size(); i++) {
			if (sections.get(i).heading().startsWith("## How it is measured")) {
				return i;
			}
		}
		return sections.size();
	}

	/**
	 * A report or section cut at its headings of one level: the text before the first, then each heading with what
	 * follows it up to the next. Headings inside fenced code are text.
	 */
	private record Part(String head, List<Section> sections) {

		static Part parse(String text, String level) {
			List<String> lines = text.lines().toList();
			StringBuilder head = new StringBuilder();
			List<Section> sections = new ArrayList<>();
			StringBuilder current = null;
			String heading = null;
			boolean fenced = false;
			for (String line : lines) {
				if (line.startsWith("```")) {
					fenced = !fenced;
				}
				if (!fenced && line.startsWith(level)) {
					if (current != null) {
						sections.add(new Section(heading, current.toString()));
					}
					current = new StringBuilder();
					heading = line;
				}
				(current != null ? current : head).append(line).append('\n');
			}
			if (current != null) {
				sections.add(new Section(heading, current.toString()));
			}
			return new Part(head.toString(), sections);
		}

	}

	/**
	 * A section: its heading line and its text, the heading included.
	 */
	private record Section(String heading, String text) {

		/** What identifies a section across runs: its level and number when numbered, else its heading. */
		String key() {
			Matcher numbered = NUMBERED.matcher(this.heading);
			return numbered.matches() ? numbered.group(1) + " " + numbered.group(2) : this.heading.trim();
		}

		/** The section with the label of a section kept from an earlier run, unless it has one. */
		Section labelled(String measured) {
			int end = this.text.indexOf('\n');
			String rest = (end >= 0) ? this.text.substring(end + 1) : "";
			if (rest.strip().startsWith(KEPT)) {
				return this;
			}
			String label = KEPT + measured + "._\n";
			return new Section(this.heading, this.heading + "\n\n" + label + (rest.startsWith("\n") ? "" : "\n")
					+ rest);
		}

		/** The section with the subsections the earlier one had and it lacks. */
		Section withSubsections(Section earlier, String measured) {
			Part before = Part.parse(earlier.text, "### ");
			Part now = Part.parse(this.text, "### ");
			List<Section> merged = carried(before.sections(), now.sections(), measured, false);
			if (merged.size() == now.sections().size()) {
				return this;
			}
			return new Section(this.heading, join(now.head(), merged));
		}

	}

}
