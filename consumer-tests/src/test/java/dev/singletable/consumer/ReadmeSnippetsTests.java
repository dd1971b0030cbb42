package dev.singletable.consumer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.singletable.consumer.Markdown.Block;

import static dev.singletable.consumer.Markdown.contains;
import static dev.singletable.consumer.Markdown.normalized;
import static dev.singletable.consumer.Markdown.read;
import static dev.singletable.consumer.Markdown.without;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The blocks a newcomer pastes from the README's "Your first application in five minutes" and "An example" are,
 * verbatim, in the consumer application {@code src/it/first-app} that the invoker builds and tests: a change to the
 * README that the application does not follow fails the build, and so does a README whose snippets no longer work.
 * Indentation and blank lines are ignored; a line {@code <!-- … -->} or {@code // …} in a block stands for lines the
 * application may have there. {@link DocumentationSnippetsTests} checks the other blocks of the README and of
 * {@code docs/reference}.
 */
class ReadmeSnippetsTests {

	private static final Path README = Markdown.ROOT.resolve("README.md");

	private static final Path APP = Markdown.APPS.resolve("first-app");

	private static final List<String> SECTIONS = List.of("## Your first application in five minutes",
			"## An example: every save is a version");

	@Test
	void everyBlockOfTheFirstApplicationIsInTheConsumerApplication() {
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
	void everythingTheConsumerBuildSaysAboutSingletableComesFromTheReadme() {
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
	void readmeImportsTheBomOfThisBuild() {
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

	private static List<Block> readmeBlocks() {
		List<Block> blocks = new ArrayList<>();
		for (String section : SECTIONS) {
			List<Block> inSection = Markdown.section(README, section);
			assertThat(inSection).as("README.md has a section '%s'", section).isNotNull();
			blocks.addAll(inSection);
		}
		return blocks;
	}

	private static List<Path> filesFor(String language) {
		return switch (language) {
			case "xml" -> List.of(APP.resolve("pom.xml"));
			case "yaml" -> List.of(APP.resolve("src/main/resources/application.yml"));
			case "java" -> Markdown.files(APP.resolve("src"), ".java");
			default -> List.of();
		};
	}

}
