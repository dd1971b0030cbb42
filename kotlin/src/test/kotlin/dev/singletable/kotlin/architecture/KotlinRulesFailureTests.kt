package dev.singletable.kotlin.architecture

import java.nio.file.Path

import com.tngtech.archunit.core.importer.ClassFileImporter
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatCode
import org.assertj.core.api.Assertions.assertThatThrownBy
import org.junit.jupiter.api.Test

import dev.singletable.kotlin.architecture.fixture.LeakyKeys
import dev.singletable.kotlin.architecture.fixture.SpiKeys

/**
 * [KotlinRules] fail on a planted class that uses core's internals, naming it and what it uses, and pass on one that
 * uses core's API and SPI.
 */
class KotlinRulesFailureTests {

	@Test
	fun aClassUsingCoresInternalsFails() {
		assertThatThrownBy {
			KotlinRules.usesSingletableThroughItsApiAndSpi().check(ClassFileImporter().importClasses(LeakyKeys::class.java))
		}.isInstanceOf(AssertionError::class.java)
			.message()
			.contains(LeakyKeys::class.java.name, "dev.singletable.internal.format.ItemSize")
	}

	@Test
	fun aSourceNamingCoresInternalsIsNamed() {
		assertThat(KotlinRules.internalReferences(Path.of("src/test/kotlin/dev/singletable/kotlin/architecture/fixture")))
			.containsExactly("LeakyKeys.kt: import dev.singletable.internal.format.ItemSize")
	}

	@Test
	fun aClassUsingCoresApiAndSpiPasses() {
		assertThatCode {
			KotlinRules.usesSingletableThroughItsApiAndSpi().check(ClassFileImporter().importClasses(SpiKeys::class.java))
		}.doesNotThrowAnyException()
	}

}
