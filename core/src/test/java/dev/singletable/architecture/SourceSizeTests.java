package dev.singletable.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sizes a newcomer can read: no package of {@code core} with more than {@value #MOST_TYPES} types, no main
 * class of any module over {@value #MOST_LINES} lines, the template at most {@value #MOST_TEMPLATE_LINES}.
 */
class SourceSizeTests {

	static final int MOST_TYPES = 25;

	static final int MOST_LINES = 500;

	static final int MOST_TEMPLATE_LINES = 400;

	private static final Path MAIN = Path.of("src/main/java");

	@Test
	void noPackageHoldsMoreThan25Types() throws IOException {
		Map<String, Long> typesPerPackage = new TreeMap<>(sources().collect(
				Collectors.groupingBy((source) -> MAIN.relativize(source.getParent()).toString(), Collectors.counting())));
		assertThat(typesPerPackage).as("types per package of core").isNotEmpty();
		assertThat(typesPerPackage.entrySet()).as("packages over %d types", MOST_TYPES)
			.filteredOn((entry) -> entry.getValue() > MOST_TYPES)
			.isEmpty();
	}

	@Test
	void noMainClassIsLongerThan500Lines() throws IOException {
		Map<String, Integer> lines = new TreeMap<>();
		for (Path source : sources().toList()) {
			lines.put(MAIN.relativize(source).toString(), lineCount(source));
		}
		assertThat(lines.entrySet()).as("main classes over %d lines", MOST_LINES)
			.filteredOn((entry) -> entry.getValue() > MOST_LINES)
			.isEmpty();
	}

	@Test
	void noMainClassOfAnyModuleIsLongerThan500Lines() throws IOException {
		Map<String, Integer> lines = new TreeMap<>();
		List<Path> modules;
		try (Stream<Path> children = Files.list(Path.of(".."))) {
			modules = children.filter((module) -> Files.isDirectory(module.resolve("src/main/java"))).toList();
		}
		assertThat(modules).as("modules with main sources").hasSizeGreaterThan(3);
		for (Path module : modules) {
			Path main = module.resolve("src/main/java");
			try (Stream<Path> walk = Files.walk(main)) {
				for (Path source : walk.filter((path) -> path.toString().endsWith(".java")).toList()) {
					lines.put(module.getFileName() + "/" + main.relativize(source), lineCount(source));
				}
			}
		}
		assertThat(lines.entrySet()).as("main classes over %d lines", MOST_LINES)
			.filteredOn((entry) -> entry.getValue() > MOST_LINES)
			.isEmpty();
	}

	@Test
	void theTemplateIsAThinFacade() throws IOException {
		assertThat(lineCount(MAIN.resolve("dev/singletable/core/SingleTableTemplate.java")))
			.isLessThanOrEqualTo(MOST_TEMPLATE_LINES);
	}

	/** The top-level types of core's main sources: one a file, package-info files left out. */
	private static Stream<Path> sources() throws IOException {
		List<Path> files;
		try (Stream<Path> walk = Files.walk(MAIN)) {
			files = walk.filter((path) -> path.toString().endsWith(".java"))
				.filter((path) -> !path.getFileName().toString().equals("package-info.java"))
				.toList();
		}
		return files.stream();
	}

	private static int lineCount(Path source) throws IOException {
		try (Stream<String> lines = Files.lines(source)) {
			return (int) lines.count();
		}
	}

}
