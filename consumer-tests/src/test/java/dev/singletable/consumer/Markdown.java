package dev.singletable.consumer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The documentation as the consumer tests read it: the fenced code blocks of a markdown file, and whether a source
 * file of a consumer application contains a block. Indentation and blank lines are ignored; a line
 * {@value #XML_ELISION} or {@value #JAVA_ELISION} in a block stands for lines the file may have there.
 */
final class Markdown {

	/** The line of an XML block that stands for lines the file may have there. */
	static final String XML_ELISION = "<!-- … -->";

	/** The line of a Java block that stands for lines the file may have there. */
	static final String JAVA_ELISION = "// …";

	/** The root of the repository, seen from the consumer-tests module. */
	static final Path ROOT = Path.of("..");

	/** The consumer applications the invoker builds. */
	static final Path APPS = Path.of("src", "it");

	private Markdown() {
	}

	/**
	 * Returns the fenced code blocks of a markdown file, in order.
	 * @param file the markdown file
	 * @return the blocks
	 */
	static List<Block> blocks(Path file) {
		return blocks(file, read(file), 0, Integer.MAX_VALUE);
	}

	/**
	 * Returns the fenced code blocks of one section of a markdown file: from its heading to the next heading.
	 * @param file the markdown file
	 * @param heading the section's heading line, for example {@code "## Testing"}
	 * @return the blocks, or {@code null} when the file has no such heading
	 */
	static List<Block> section(Path file, String heading) {
		List<String> lines = read(file);
		int start = lines.indexOf(heading);
		if (start < 0) {
			return null;
		}
		int end = start + 1;
		boolean fenced = false;
		for (; end < lines.size(); end++) {
			String line = lines.get(end);
			if (line.startsWith("```")) {
				fenced = !fenced;
			}
			else if (!fenced && line.startsWith("#")) {
				break;
			}
		}
		return blocks(file, lines, start + 1, end);
	}

	private static List<Block> blocks(Path file, List<String> lines, int from, int to) {
		List<Block> blocks = new ArrayList<>();
		String info = null;
		int opened = 0;
		List<String> content = null;
		for (int i = from; i < Math.min(to, lines.size()); i++) {
			String line = lines.get(i);
			if (info == null && line.startsWith("```")) {
				info = line.substring(3).strip();
				opened = i + 1;
				content = new ArrayList<>();
			}
			else if (info != null && line.startsWith("```")) {
				blocks.add(new Block(file, opened, info, content));
				info = null;
			}
			else if (info != null) {
				content.add(line);
			}
		}
		if (info != null) {
			throw new IllegalStateException(file + ":" + opened + ": a code block is never closed");
		}
		return blocks;
	}

	/**
	 * Whether the lines of a block appear in a file in order, each run between elision lines contiguous.
	 * @param file the file's lines
	 * @param block the block's lines
	 * @return whether the file contains the block
	 */
	static boolean contains(List<String> file, List<String> block) {
		return without(normalized(file), block) != null;
	}

	/**
	 * Returns the normalized lines of a file without those of a block.
	 * @param normalizedFile the file's normalized lines
	 * @param block the block's lines
	 * @return the rest, or {@code null} when the file does not contain the block
	 */
	static List<String> without(List<String> normalizedFile, List<String> block) {
		List<String> rest = new ArrayList<>(normalizedFile);
		int from = 0;
		for (List<String> run : runs(block)) {
			int at = indexOf(rest, run, from);
			if (at < 0) {
				return null;
			}
			rest.subList(at, at + run.size()).clear();
			from = at;
		}
		return rest;
	}

	/**
	 * Returns the lines stripped, without blank ones.
	 * @param lines the lines
	 * @return the normalized lines
	 */
	static List<String> normalized(List<String> lines) {
		return lines.stream().map(String::strip).filter((line) -> !line.isEmpty()).toList();
	}

	private static List<List<String>> runs(List<String> block) {
		List<List<String>> runs = new ArrayList<>();
		List<String> run = new ArrayList<>();
		for (String line : normalized(block)) {
			if (line.equals(XML_ELISION) || line.equals(JAVA_ELISION)) {
				runs.add(run);
				run = new ArrayList<>();
			}
			else {
				run.add(line);
			}
		}
		runs.add(run);
		return runs;
	}

	private static int indexOf(List<String> haystack, List<String> run, int from) {
		for (int i = from; i + run.size() <= haystack.size(); i++) {
			if (haystack.subList(i, i + run.size()).equals(run)) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Returns the files under a directory whose names end with a suffix, sorted.
	 * @param directory the directory
	 * @param suffix the end of the names, for example {@code ".java"}
	 * @return the files
	 */
	static List<Path> files(Path directory, String suffix) {
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter((file) -> Files.isRegularFile(file) && file.getFileName().toString().endsWith(suffix))
				.sorted(Comparator.naturalOrder())
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + directory, ex);
		}
	}

	/**
	 * Reads a file's lines.
	 * @param file the file
	 * @return the lines
	 */
	static List<String> read(Path file) {
		try {
			return Files.readAllLines(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
	}

	/**
	 * A fenced code block.
	 *
	 * @param file the markdown file
	 * @param line the line number of its opening fence
	 * @param info the info string after the opening fence, for example {@code java} or {@code java fragment}
	 * @param lines its lines
	 */
	record Block(Path file, int line, String info, List<String> lines) {

		/**
		 * Returns the block's language, the first word of the info string.
		 * @return the language, empty when the fence names none
		 */
		String language() {
			return this.info.isEmpty() ? "" : this.info.split("\\s+")[0];
		}

		/**
		 * Returns where the block is, for assertion messages.
		 * @return the file and line
		 */
		String where() {
			return this.file.normalize() + ":" + this.line;
		}

		@Override
		public String toString() {
			return where() + " (" + this.info + ")\n" + String.join("\n", this.lines);
		}

	}

}
