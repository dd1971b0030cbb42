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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every relative link of the README and of the markdown files under {@code docs} leads to a file that exists and,
 * when it names a heading ({@code page.md#heading}), to a heading of that file, with the anchors GitHub gives
 * headings; and every markdown file under {@code docs} is reachable from the README by following links.
 */
class DocumentationLinksTests {

	private static final Path README = Markdown.ROOT.resolve("README.md");

	private static final Path DOCS = Markdown.ROOT.resolve("docs");

	/** An inline link or image, {@code [text](target)} or {@code [text](target "title")}. */
	private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");

	private static final Pattern INLINE_CODE = Pattern.compile("`+[^`]*`+");

	private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

	@Test
	void everyRelativeLinkResolves() {
		List<String> broken = new ArrayList<>();
		for (Path file : documentation()) {
			broken.addAll(brokenLinks(file));
		}

		assertThat(broken).as("links that lead nowhere").isEmpty();
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
		List<String> lines = Markdown.read(file);
		boolean fenced = false;
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.startsWith("```")) {
				fenced = !fenced;
				continue;
			}
			if (fenced) {
				continue;
			}
			for (String target : targets(line)) {
				if (!resolves(file, target)) {
					broken.add(file.normalize() + ":" + (i + 1) + ": " + target);
				}
			}
		}
		return broken;
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
