package dev.singletable.console.architecture;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;

import dev.singletable.console.SingleTableConsoleAutoConfiguration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The boundary of the console: it is built on core as an application is, through core's API and its SPI
 * ({@code dev.singletable.core.spi}), and never imports an internal package of singletable
 * ({@code dev.singletable.core.internal}, {@code dev.singletable.evolution.internal}, ...), which change without
 * notice. {@link ConsoleArchitectureTests} checks the console's main classes; {@link ConsoleRulesFailureTests} shows
 * the rule failing on a planted class.
 */
final class ConsoleRules {

	/** The internal packages of singletable, whatever the subsystem. */
	static final String INTERNALS = "dev.singletable..internal..";

	private static final Pattern INTERNAL_IMPORT = Pattern
		.compile("^\\s*(?![*/]).*\\bdev\\.singletable\\.([a-z0-9_]+\\.)*internal\\.");

	private ConsoleRules() {
	}

	/** The console uses no internal package of singletable. */
	static ArchRule usesSingletableThroughItsApiAndSpi() {
		return noClasses().should()
			.dependOnClassesThat()
			.resideInAPackage(INTERNALS)
			.because("the console is built on core's API and its SPI (dev.singletable.core.spi): core's internals "
					+ "change without it");
	}

	/**
	 * The lines of code (not comments) of the console's main sources that name an internal package of singletable,
	 * in an import or in full: what the class rule cannot see where a class uses only an internal constant, which
	 * the compiler copies into it.
	 * @param sources the root of the sources
	 * @return each offending line, with its file
	 */
	static List<String> internalImports(Path sources) throws IOException {
		List<String> found = new ArrayList<>();
		try (Stream<Path> files = Files.walk(sources)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".java")).sorted().toList()) {
				for (String line : Files.readAllLines(file)) {
					if (INTERNAL_IMPORT.matcher(line).find()) {
						found.add(sources.relativize(file) + ": " + line.strip());
					}
				}
			}
		}
		return found;
	}

	/** The console's main classes: those of the directory or jar that holds {@link SingleTableConsoleAutoConfiguration}. */
	static JavaClasses mainClasses() {
		try {
			return new ClassFileImporter().importPath(
					Path.of(SingleTableConsoleAutoConfiguration.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
