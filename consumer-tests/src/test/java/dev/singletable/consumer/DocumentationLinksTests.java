package dev.singletable.consumer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every relative link of the README and of the markdown files under {@code docs} leads to a file that exists and,
 * when it names a heading ({@code page.md#heading}, {@code #heading}), to a heading of that file, with the anchors
 * GitHub gives headings; every "section N" the text refers to is a numbered heading of the page it names; and every
 * markdown file under {@code docs} is reachable from the README by following links.
 */
class DocumentationLinksTests {

	private static final Path README = Markdown.ROOT.resolve("README.md");

	private static final Path DOCS = Markdown.ROOT.resolve("docs");

	/** An inline link or image, {@code [text](target)} or {@code [text](target "title")}. */
	private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");

	private static final Pattern INLINE_CODE = Pattern.compile("`+[^`]*`+");

	private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

	/** A reference to a numbered section: {@code section 12}, {@code Section 2.1}, {@code section 4's}. */
	private static final Pattern SECTION = Pattern.compile("(?i)\\bsection\\s+(\\d+(?:\\.\\d+)*)\\b");

	/** A markdown file named in the text, as a link's target or bare: {@code ../BENCHMARKS.md}, {@code README.md}. */
	private static final Pattern PAGE = Pattern.compile("[\\w./-]*\\.md\\b");

	/** A numbered heading: {@code ## 12. Change events}, {@code ### 2.1 Writes at the limit}. */
	private static final Pattern NUMBERED_HEADING = Pattern.compile("^#{1,6}\\s+(\\d+(?:\\.\\d+)*)[.\\s].*");

	@Test
	void everyRelativeLinkResolves() {
		assertThat(inEveryPage(DocumentationLinksTests::brokenLinks)).as("links that lead nowhere").isEmpty();
	}

	@Test
	void everySectionReferenceResolves() {
		assertThat(inEveryPage(DocumentationLinksTests::brokenSectionReferences))
			.as("\"section N\" references to no numbered heading")
			.isEmpty();
	}

	@Test
	void aDeadSectionReferenceIsReported(@TempDir Path temp) throws IOException {
		Files.createDirectories(temp.resolve("docs"));
		Files.write(temp.resolve("docs/BENCHMARKS.md"), List.of("# Benchmarks", "", "## 2. Requests", "",
				"### 2.1 Writes at the limit", "", "As section 2's counts say.", "", "## 12. Change events", "", "```",
				"## 99. In a code block", "```"));
		Files.write(temp.resolve("docs/PERFORMANCE.md"), List.of("# Performance", "",
				"The figures are in `docs/BENCHMARKS.md`.", "", "Section 12 has them; so has section 2.1.",
				"See section 99."));
		Files.write(temp.resolve("README.md"), List.of("# Readme", "",
				"Sizes are in [Benchmarks](docs/BENCHMARKS.md), section 12; events in section 99 of "
						+ "[Benchmarks](docs/BENCHMARKS.md#12-change-events).",
				"Section 7 of docs/PERFORMANCE.md.", "`section 99` in code is no reference."));

		assertThat(brokenSectionReferences(temp.resolve("docs/BENCHMARKS.md"))).isEmpty();
		assertThat(brokenSectionReferences(temp.resolve("docs/PERFORMANCE.md"))).singleElement()
			.satisfies((broken) -> assertThat(broken).endsWith("PERFORMANCE.md:6: section 99 of BENCHMARKS.md"));
		assertThat(brokenSectionReferences(temp.resolve("README.md"))).containsExactly(
				temp.resolve("README.md").normalize() + ":3: section 99 of BENCHMARKS.md",
				temp.resolve("README.md").normalize() + ":4: section 7 of PERFORMANCE.md");
	}

	@Test
	void everyPageIsReachableFromTheReadme() {
		Set<Path> reached = reachable(README);

		assertThat(Markdown.files(DOCS, ".md")).allSatisfy((page) -> assertThat(reached)
			.as("pages reached from README.md by links").contains(page.toAbsolutePath().normalize()));
	}

	@Test
	void headingsGetGitHubsAnchors() {
		assertThat(anchors(List.of("# Title", "## Scrolling with `Window` and cursors", "### Spring `@Transactional`",
				"## 8. Compression level: CPU, stored bytes and billed units", "## Running without AWS: the embedded "
						+ "DynamoDB Local", "```sh", "# not a heading", "```", "## Spring `@Transactional`")))
			.containsExactly("title", "scrolling-with-window-and-cursors", "spring-transactional",
					"8-compression-level-cpu-stored-bytes-and-billed-units",
					"running-without-aws-the-embedded-dynamodb-local", "spring-transactional-1");
	}

	@Test
	void aMissingFileOrHeadingIsReported(@TempDir Path temp) throws IOException {
		Files.write(temp.resolve("a.md"), List.of("# A", "", "## Known heading", "",
				"[ok](b.md) [ok](b.md#b) [ok](#known-heading) [web](https://example.com/x.md) `[code](gone.md)`",
				"[gone](gone.md) [no heading](b.md#nowhere) [here](#nothing)", "```", "[in a block](gone.md)", "```"));
		Files.write(temp.resolve("b.md"), List.of("# B", "", "[back](a.md)"));

		assertThat(brokenLinks(temp.resolve("a.md"))).hasSize(3)
			.anyMatch((link) -> link.contains("gone.md"))
			.anyMatch((link) -> link.contains("b.md#nowhere"))
			.anyMatch((link) -> link.contains("#nothing"));
		assertThat(brokenLinks(temp.resolve("b.md"))).isEmpty();
		assertThat(reachable(temp.resolve("a.md"))).containsExactlyInAnyOrder(temp.resolve("a.md").toAbsolutePath(),
				temp.resolve("b.md").toAbsolutePath());
	}

	/** What a check finds wrong in the README and every page under {@code docs}. */
	private static List<String> inEveryPage(Function<Path, List<String>> check) {
		List<String> found = new ArrayList<>();
		for (Path file : documentation()) {
			found.addAll(check.apply(file));
		}
		return found;
	}

	private static List<Path> documentation() {
		List<Path> files = new ArrayList<>(List.of(README));
		files.addAll(Markdown.files(DOCS, ".md"));
		return files;
	}

	/**
	 * The relative links of a markdown file that lead to no file, or to no heading of it, each as
	 * {@code file:line: target}.
	 */
	private static List<String> brokenLinks(Path file) {
		List<String> broken = new ArrayList<>();
		for (Prose line : prose(Markdown.read(file))) {
			for (String target : targets(line.text())) {
				if (!resolves(file, target)) {
					broken.add(file.normalize() + ":" + line.number() + ": " + target);
				}
			}
		}
		return broken;
	}

	/** The lines of a markdown file outside fenced code, with their numbers (from 1). */
	private static List<Prose> prose(List<String> lines) {
		List<Prose> prose = new ArrayList<>();
		boolean fenced = false;
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.startsWith("```")) {
				fenced = !fenced;
			}
			else if (!fenced) {
				prose.add(new Prose(i + 1, line));
			}
		}
		return prose;
	}

	private record Prose(int number, String text) {
	}

	/**
	 * The "section N" references of a markdown file that name no numbered heading of the page they refer to, each as
	 * {@code file:line: section N of page}. A reference is to the page named nearest to it on its line (a link's
	 * target or a bare {@code page.md}); else to its own page when that has numbered headings; else to the page the
	 * text named last before it.
	 */
	private static List<String> brokenSectionReferences(Path file) {
		List<String> broken = new ArrayList<>();
		boolean numbered = !numberedHeadings(file).isEmpty();
		Path lastNamed = null;
		for (Prose line : prose(Markdown.read(file))) {
			String text = INLINE_CODE.matcher(line.text()).replaceAll((code) -> code.group().contains(".md")
					? Matcher.quoteReplacement(code.group()) : "");
			List<int[]> named = new ArrayList<>();
			List<Path> pages = new ArrayList<>();
			Matcher page = PAGE.matcher(text);
			while (page.find()) {
				Path resolved = page(file, page.group());
				if (resolved != null) {
					named.add(new int[] { page.start(), pages.size() });
					pages.add(resolved);
				}
			}
			Matcher reference = SECTION.matcher(text);
			while (reference.find()) {
				Path target = nearest(named, pages, reference.start());
				if (target == null) {
					target = (numbered || lastNamed == null) ? file : lastNamed;
				}
				if (!numberedHeadings(target).contains(reference.group(1))) {
					broken.add(file.normalize() + ":" + line.number() + ": section " + reference.group(1) + " of "
							+ target.getFileName());
				}
			}
			if (!pages.isEmpty()) {
				lastNamed = pages.get(pages.size() - 1);
			}
		}
		return broken;
	}

	private static Path nearest(List<int[]> named, List<Path> pages, int at) {
		Path nearest = null;
		int distance = Integer.MAX_VALUE;
		for (int[] name : named) {
			if (Math.abs(name[0] - at) < distance) {
				distance = Math.abs(name[0] - at);
				nearest = pages.get(name[1]);
			}
		}
		return nearest;
	}

	/**
	 * The markdown file a page name in a file's text stands for: relative to the file, else to the repository's root
	 * (or the root of the folder the file is in); {@literal null} when there is none.
	 */
	private static Path page(Path file, String name) {
		Path folder = file.toAbsolutePath().normalize().getParent();
		for (Path base = folder; base != null; base = base.getParent()) {
			Path resolved = base.resolve(name).normalize();
			if (Files.isRegularFile(resolved)) {
				return resolved;
			}
			if (Files.isDirectory(base.resolve(".git")) || Files.isRegularFile(base.resolve("README.md"))) {
				break;
			}
		}
		return null;
	}

	/** The numbers of a markdown file's numbered headings, code blocks left out. */
	private static Set<String> numberedHeadings(Path file) {
		Set<String> numbers = new LinkedHashSet<>();
		for (Prose line : prose(Markdown.read(file))) {
			Matcher heading = NUMBERED_HEADING.matcher(line.text());
			if (heading.matches()) {
				numbers.add(heading.group(1));
			}
		}
		return numbers;
	}

	private static List<String> targets(String line) {
		List<String> targets = new ArrayList<>();
		Matcher matcher = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
		while (matcher.find()) {
			String target = matcher.group(1);
			if (!target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
				targets.add(target);
			}
		}
		return targets;
	}

	private static boolean resolves(Path file, String target) {
		int hash = target.indexOf('#');
		String path = (hash < 0) ? target : target.substring(0, hash);
		Path resolved = path.isEmpty() ? file : file.toAbsolutePath().getParent().resolve(path).normalize();
		if (!Files.exists(resolved)) {
			return false;
		}
		if (hash < 0) {
			return true;
		}
		return resolved.toString().endsWith(".md") && anchors(Markdown.read(resolved)).contains(target.substring(hash + 1));
	}

	/** The markdown files reached from a file by following relative links, the file included. */
	private static Set<Path> reachable(Path start) {
		Set<Path> reached = new LinkedHashSet<>();
		Deque<Path> next = new ArrayDeque<>(List.of(start.toAbsolutePath().normalize()));
		while (!next.isEmpty()) {
			Path file = next.pop();
			if (!reached.add(file)) {
				continue;
			}
			boolean fenced = false;
			for (String line : Markdown.read(file)) {
				fenced ^= line.startsWith("```");
				for (String target : fenced ? List.<String>of() : targets(line)) {
					String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
					Path linked = file.getParent().resolve(path).normalize();
					if (path.endsWith(".md") && Files.isRegularFile(linked)) {
						next.add(linked);
					}
				}
			}
		}
		return reached;
	}

	/**
	 * The anchors GitHub gives the headings of a markdown file, in order: the heading's text lower-cased, without
	 * markup and punctuation, each space a hyphen; a repeated anchor gets {@code -1}, {@code -2}, ...
	 */
	static List<String> anchors(List<String> lines) {
		List<String> anchors = new ArrayList<>();
		Map<String, Integer> seen = new HashMap<>();
		boolean fenced = false;
		for (String line : lines) {
			if (line.startsWith("```")) {
				fenced = !fenced;
				continue;
			}
			Matcher heading = HEADING.matcher(line);
			if (fenced || !heading.matches()) {
				continue;
			}
			String text = heading.group(1).replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
			String anchor = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_\\- ]", "").replace(' ', '-');
			int count = seen.merge(anchor, 1, Integer::sum);
			anchors.add((count == 1) ? anchor : anchor + "-" + (count - 1));
		}
		return anchors;
	}

}
