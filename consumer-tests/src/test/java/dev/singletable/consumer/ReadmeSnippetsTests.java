package dev.singletable.consumer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The blocks a newcomer pastes from the README's "Using the starter" (the fenced blocks before its first
 * subsection) and "Testing" are, verbatim, in the consumer application {@code src/it/first-app} that the invoker
 * builds and tests: a change to the README that the application does not follow fails the build, and so does a
 * README whose snippets no longer work. Indentation and blank lines are ignored; a line {@code <!-- … -->} or {@code // …} in a
 * block stands for lines the application may have there.
 */
class ReadmeSnippetsTests {

	private static final Path README = Path.of("..", "README.md");

	private static final Path APP = Path.of("src", "it", "first-app");

	private static final List<String> SECTIONS = List.of("## Using the starter", "## Testing");

	@Test
	void everyBlockOfUsingTheStarterAndTestingIsInTheConsumerApplication() throws IOException {
		List<Block> blocks = readmeBlocks();

		assertThat(blocks).extracting(Block::language).contains("xml", "yaml", "java");
		assertThat(blocks).anyMatch((block) -> block.lines().contains("@DataSingleTableTest"));
		for (Block block : blocks) {
			List<Path> files = filesFor(block.language());
			if (files.isEmpty()) {
				// commands and console output are not files of the application
				continue;
			}
			assertThat(files.stream().anyMatch((file) -> contains(read(file), block.lines())))
				.as("a file of %s (%s) contains, verbatim, the README block%n%s", APP, files,
						String.join("\n", block.lines()))
				.isTrue();
		}
	}

	@Test
	void everythingTheConsumerBuildSaysAboutSingletableComesFromTheReadme() throws IOException {
		List<Block> blocks = readmeBlocks();
		List<String> pom = normalized(read(APP.resolve("pom.xml")));
		List<String> yaml = new ArrayList<>();
		for (Block block : blocks) {
			if (block.language().equals("xml")) {
				pom = without(pom, block.lines());
				assertThat(pom).as("pom.xml of %s contains the README block%n%s", APP,
						String.join("\n", block.lines())).isNotNull();
			}
			else if (block.language().equals("yaml")) {
				yaml.addAll(normalized(block.lines()));
			}
		}

		// a dependency, import, parent, repository or exclusion the README does not show would make the build
		// pass where the README's application fails
		assertThat(String.join("\n", pom)).doesNotContain("dev.singletable", "com.amazonaws", "software.amazon",
				"<parent>", "<dependencyManagement>", "<repositor", "<exclusion");
		assertThat(normalized(read(APP.resolve("src/main/resources/application.yml")))).isEqualTo(yaml);
	}

	@Test
	void readmeImportsTheBomOfThisBuild() throws IOException {
		String xml = String.join("\n", readmeBlocks().stream()
			.filter((block) -> block.language().equals("xml"))
			.flatMap((block) -> block.lines().stream())
			.map(String::trim)
			.toList());

		assertThat(xml).contains("<artifactId>singletable-dependencies</artifactId>\n<version>"
				+ System.getProperty("project.version") + "</version>");
	}

	@Test
	void aChangedLineIsNotFound() {
		List<String> file = List.of("<dependencies>", "    <dependency>", "        <artifactId>a</artifactId>",
				"", "        <scope>test</scope>", "    </dependency>", "</dependencies>");

		assertThat(contains(file, List.of("<dependency>", "  <artifactId>a</artifactId>", "  <scope>test</scope>")))
			.isTrue();
		assertThat(contains(file, List.of("<dependency>", "  <artifactId>b</artifactId>", "  <scope>test</scope>")))
			.isFalse();
		assertThat(contains(file, List.of("<dependency>", "  <scope>test</scope>"))).isFalse();
		assertThat(contains(file, List.of("<dependencies>", "  <!-- … -->", "</dependencies>"))).isTrue();
		assertThat(contains(file, List.of("</dependencies>", "<!-- … -->", "<dependencies>"))).isFalse();
		assertThat(without(normalized(file), List.of("<dependency>", "<artifactId>a</artifactId>")))
			.containsExactly("<dependencies>", "<scope>test</scope>", "</dependency>", "</dependencies>");
	}

	/**
	 * Whether the lines of a block appear in a file in order, each run between elision lines contiguous.
	 */
	static boolean contains(List<String> file, List<String> block) {
		return without(normalized(file), block) != null;
	}

	/**
	 * The normalized lines of a file without those of a block, or {@code null} when the file does not contain it.
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

	private static List<List<String>> runs(List<String> block) {
		List<List<String>> runs = new ArrayList<>();
		List<String> run = new ArrayList<>();
		for (String line : normalized(block)) {
			if (line.equals("<!-- … -->") || line.equals("// …")) {
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

	private static List<String> normalized(List<String> lines) {
		return lines.stream().map(String::strip).filter((line) -> !line.isEmpty()).toList();
	}

	private static List<Block> readmeBlocks() throws IOException {
		List<String> readme = Files.readAllLines(README);
		List<Block> blocks = new ArrayList<>();
		for (String section : SECTIONS) {
			blocks.addAll(blocks(readme, section));
		}
		return blocks;
	}

	private static List<Block> blocks(List<String> readme, String section) {
		int start = readme.indexOf(section);
		assertThat(start).as("README.md has a section '%s'", section).isNotNegative();
		List<Block> blocks = new ArrayList<>();
		String language = null;
		List<String> lines = null;
		for (String line : readme.subList(start + 1, readme.size())) {
			if (language == null && line.startsWith("##")) {
				break;
			}
			if (language == null && line.startsWith("```")) {
				language = line.substring(3).strip();
				lines = new ArrayList<>();
			}
			else if (language != null && line.startsWith("```")) {
				blocks.add(new Block(language, lines));
				language = null;
			}
			else if (language != null) {
				lines.add(line);
			}
		}
		return blocks;
	}

	private static List<Path> filesFor(String language) throws IOException {
		return switch (language) {
			case "xml" -> List.of(APP.resolve("pom.xml"));
			case "yaml" -> List.of(APP.resolve("src/main/resources/application.yml"));
			case "java" -> {
				try (Stream<Path> files = Files.walk(APP.resolve("src"))) {
					yield files.filter((file) -> file.toString().endsWith(".java")).sorted().toList();
				}
			}
			default -> List.of();
		};
	}

	private static List<String> read(Path file) {
		try {
			return Files.readAllLines(file);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + file, ex);
		}
	}

	record Block(String language, List<String> lines) {
	}

}
