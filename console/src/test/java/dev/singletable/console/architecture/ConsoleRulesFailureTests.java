package dev.singletable.console.architecture;

import java.io.IOException;
import java.nio.file.Path;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import dev.singletable.console.architecture.fixture.LeakyConsoleView;
import dev.singletable.console.architecture.fixture.SpiConsoleView;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ConsoleRules} fails on a planted console class that imports core's internals, naming it and what it uses,
 * and passes on one that uses core's API and SPI.
 */
class ConsoleRulesFailureTests {

	@Test
	void aConsoleClassUsingCoresInternalsFails() {
		assertThatThrownBy(() -> ConsoleRules.usesSingletableThroughItsApiAndSpi()
			.check(new ClassFileImporter().importClasses(LeakyConsoleView.class))).isInstanceOf(AssertionError.class)
			.message()
			.contains(LeakyConsoleView.class.getName(), "dev.singletable.internal.format.ItemAttributes");
	}

	@Test
	void aSourceImportingCoresInternalsIsNamed() throws IOException {
		assertThat(ConsoleRules.internalImports(Path.of("src/test/java/dev/singletable/console/architecture/fixture")))
			.containsExactly("LeakyConsoleView.java: import dev.singletable.internal.format.ItemAttributes;");
	}

	@Test
	void aConsoleClassUsingCoresApiAndSpiPasses() {
		assertThatCode(() -> ConsoleRules.usesSingletableThroughItsApiAndSpi()
			.check(new ClassFileImporter().importClasses(SpiConsoleView.class))).doesNotThrowAnyException();
	}

}
