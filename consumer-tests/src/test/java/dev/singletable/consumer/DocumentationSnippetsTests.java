package dev.singletable.consumer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.singletable.consumer.Markdown.Block;

import static dev.singletable.consumer.Markdown.contains;
import static dev.singletable.consumer.Markdown.normalized;
import static dev.singletable.consumer.Markdown.read;
import static dev.singletable.consumer.Markdown.without;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every code block of the README and of {@code docs/reference} is compiled: each Java, Kotlin, XML and YAML block is,
 * verbatim, in a source file, {@code pom.xml} or {@code application*.yml} of a consumer application under
 * {@code src/it} ({@code first-app}, the README's, {@code reference-app}, the reference pages', or
 * {@code kotlin-app}, the Kotlin page's), which the invoker builds and tests after this class has run. Indentation
 * and blank lines are ignored, and a line {@code // …} or {@code <!-- … -->} stands for lines the file may have
 * there.
 * <p>
 * Nothing is skipped silently: a fence must name one of the {@link #LANGUAGES known languages}, and a Java block
 * that deliberately is no compilable code is fenced {@code java fragment}; there may be at most
 * {@value #MAX_FRAGMENTS} such blocks in all. Each reference page starts with its runnable example: a Java block (a
 * Kotlin one on the Kotlin page), imports included, before the page's first section.
 */
class DocumentationSnippetsTests {

	private static final Path README = Markdown.ROOT.resolve("README.md");

	private static final Path REFERENCE = Markdown.ROOT.resolve("docs").resolve("reference");

	/** The info strings a fence may carry, and what the block must be in: a kind of consumer file, or nothing. */
	private static final Map<String, String> LANGUAGES = Map.of("java", ".java", "kotlin", ".kt", "xml", "pom.xml",
			"yaml", ".yml", "java fragment", "", "sh", "", "console", "", "python", "");

	/** The languages of a page's runnable example. */
	private static final List<String> RUNNABLE = List.of("java", "kotlin");

	/** Blocks fenced {@code java fragment}, deliberately not compiled: keep them few. */
	private static final int MAX_FRAGMENTS = 3;

	/** What a consumer build must only have from the documentation's blocks. */
	private static final List<String> DOCUMENTED_ONLY = List.of("dev.singletable", "com.amazonaws", "software.amazon",
			"org.gaul", "<repositor", "<exclusion");

	@Test
	void everyBlockIsInAConsumerApplication() {
		List<Block> blocks = documentationBlocks();

		assertThat(blocks).extracting(Block::info).contains("java", "xml", "yaml");
		assertThat(unplaced(blocks, Markdown.APPS)).as("blocks no consumer application contains, verbatim").isEmpty();
	}

	@Test
	void everyFenceNamesAKnownLanguage() {
		assertThat(unknownLanguages(documentationBlocks()))
			.as("blocks fenced with none of %s (mark a Java block that is no compilable code `java fragment`)",
					LANGUAGES.keySet())
			.isEmpty();
	}

	@Test
	void fragmentsAreFew() {
		assertThat(documentationBlocks().stream().filter((block) -> block.info().equals("java fragment")))
			.as("blocks fenced `java fragment`").hasSizeLessThanOrEqualTo(MAX_FRAGMENTS);
	}

	@Test
	void everyReferencePageStartsWithARunnableExampleAndTheReadmeLinksIt() {
		List<Path> pages = referencePages();
		String readme = String.join("\n", read(README));

		assertThat(pages).hasSizeGreaterThanOrEqualTo(10);
		for (Path page : pages) {
			assertThat(firstExample(page))
				.as("%s starts, before its first section, with a Java or Kotlin block that has imports", page)
				.isNotNull();
			assertThat(readme).as("README.md links %s", page.getFileName())
				.contains("](docs/reference/" + page.getFileName() + ")");
		}
	}

	@Test
	void theReferenceApplicationTakesSingletableFromTheDocumentationOnly() {
		assertThat(undocumented("reference-app", documentationBlocks())).isEmpty();
	}

	@Test
	void theKotlinApplicationTakesSingletableFromTheReadmeAndTheKotlinPageOnly() {
		List<Block> blocks = new ArrayList<>(Markdown.blocks(README));
		blocks.addAll(Markdown.blocks(REFERENCE.resolve("kotlin.md")));

		assertThat(undocumented("kotlin-app", blocks)).isEmpty();
	}

	@Test
	void aKotlinBlockIsFoundInAKotlinFileAndMayBeTheRunnableExample(@TempDir Path temp) throws IOException {
		Path app = temp.resolve("it").resolve("app");
		Files.createDirectories(app.resolve("src"));
		Files.write(app.resolve("src").resolve("Note.kt"), List.of("package x", "", "import a.B", "",
				"data class Note(val text: String)"));
		Path page = temp.resolve("page.md");
		Files.write(page, List.of("# Page", "", "```kotlin", "import a.B", "", "data class Note(val text: String)",
				"```", "", "```kotlin", "data class Note(val body: String)", "```", "", "## A section"));
		List<Block> blocks = Markdown.blocks(page);

		assertThat(unplaced(blocks, temp.resolve("it"))).extracting(Block::line).containsExactly(9);
		assertThat(unknownLanguages(blocks)).isEmpty();
		assertThat(firstExample(page)).isNotNull();
	}

	@Test
	void aBlockMissingFromTheApplicationsOrFencedUnknownIsReported(@TempDir Path temp) throws IOException {
		Path app = temp.resolve("it").resolve("app");
		Files.createDirectories(app.resolve("src"));
		Files.write(app.resolve("src").resolve("Note.java"), List.of("package x;", "", "import a.B;", "",
				"public record Note(String text) {", "}"));
		Path page = temp.resolve("page.md");
		Files.write(page, List.of("# Page", "", "```java", "import a.B;", "", "public record Note(String text) {", "}",
				"```", "", "```java", "public record Note(String body) {", "}", "```", "", "```",
				"no language", "```", "", "```java fragment", "void m();", "```"));
		List<Block> blocks = Markdown.blocks(page);

		assertThat(unplaced(blocks, temp.resolve("it"))).extracting(Block::line).containsExactly(10);
		assertThat(unknownLanguages(blocks)).extracting(Block::line).containsExactly(15);
		assertThat(firstExample(page)).isNotNull();
		Files.write(page, List.of("# Page", "", "## A section", "", "```java", "import a.B;", "```"));
		assertThat(firstExample(page)).isNull();
	}

	/**
	 * The lines of a consumer application's {@code pom.xml} about singletable (or the SDK, DynamoDB Local,
	 * repositories, exclusions) that none of the XML blocks shows: the build would pass where the documented one
	 * fails.
	 */
	private static List<String> undocumented(String application, List<Block> blocks) {
		List<Block> xml = new ArrayList<>(blocks.stream().filter((block) -> block.info().equals("xml")).toList());
		// the larger blocks first: a smaller one may be part of a larger one (a dependency of a list of them)
		xml.sort(Comparator.comparingInt((Block block) -> normalized(block.lines()).size()).reversed());
		List<String> pom = normalized(read(Markdown.APPS.resolve(application).resolve("pom.xml")));
		for (Block block : xml) {
			List<String> rest = without(pom, block.lines());
			pom = (rest != null) ? rest : pom;
		}
		return pom.stream().filter((line) -> DOCUMENTED_ONLY.stream().anyMatch(line::contains)).toList();
	}

	private static List<Block> unplaced(List<Block> blocks, Path apps) {
		List<Block> unplaced = new ArrayList<>();
		for (Block block : blocks) {
			String kind = LANGUAGES.getOrDefault(block.info(), "");
			if (!kind.isEmpty() && Markdown.files(apps, kind)
				.stream()
				.filter((file) -> !kind.equals(".yml") || file.getFileName().toString().startsWith("application"))
				.noneMatch((file) -> contains(read(file), block.lines()))) {
				unplaced.add(block);
			}
		}
		return unplaced;
	}

	private static List<Block> unknownLanguages(List<Block> blocks) {
		return blocks.stream().filter((block) -> !LANGUAGES.containsKey(block.info())).toList();
	}

	/**
	 * The first Java or Kotlin block of a page when it comes before the page's first section, is no fragment and has
	 * imports; else {@code null}.
	 */
	private static Block firstExample(Path page) {
		List<String> lines = read(page);
		int firstSection = lines.indexOf(lines.stream().filter((line) -> line.startsWith("## ")).findFirst()
			.orElse(null));
		Block first = Markdown.blocks(page).stream()
			.filter((block) -> RUNNABLE.contains(block.language()))
			.findFirst()
			.orElse(null);
		boolean beforeSections = first != null && (firstSection < 0 || first.line() < firstSection + 1);
		boolean runnable = first != null && RUNNABLE.contains(first.info())
				&& first.lines().stream().anyMatch((line) -> line.startsWith("import "));
		return (beforeSections && runnable) ? first : null;
	}

	private static List<Path> referencePages() {
		return Markdown.files(REFERENCE, ".md");
	}

	private static List<Block> documentationBlocks() {
		List<Block> blocks = new ArrayList<>(Markdown.blocks(README));
		referencePages().forEach((page) -> blocks.addAll(Markdown.blocks(page)));
		return blocks;
	}

}
