package dev.singletable.console.architecture;

import java.io.IOException;
import java.nio.file.Path;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's main classes keep its boundary ({@link ConsoleRules}): core's API and SPI, no internal package.
 */
class ConsoleArchitectureTests {

	@Test
	void theConsoleUsesNoInternalPackageOfSingletable() {
		JavaClasses console = ConsoleRules.mainClasses();
		assertThat(console.containPackage("dev.singletable.console")).as("the console's classes are imported")
			.isTrue();
		ConsoleRules.usesSingletableThroughItsApiAndSpi().check(console);
	}

	@Test
	void theConsoleSourcesImportNoInternalPackageOfSingletable() throws IOException {
		assertThat(ConsoleRules.internalImports(Path.of("src/main/java"))).isEmpty();
	}

}
