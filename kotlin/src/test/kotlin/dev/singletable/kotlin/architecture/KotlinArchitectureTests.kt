package dev.singletable.kotlin.architecture

import java.nio.file.Path

import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test

/** The Kotlin module's main classes and sources keep its boundary ([KotlinRules]): core's API and SPI only. */
class KotlinArchitectureTests {

	@Test
	fun theExtensionsUseNoInternalPackageOfSingletable() {
		val classes = KotlinRules.mainClasses()
		assertThat(classes.containPackage("dev.singletable.core.query")).`as`("the module's classes are imported").isTrue()
		KotlinRules.usesSingletableThroughItsApiAndSpi().check(classes)
	}

	@Test
	fun theSourcesNameNoInternalPackageOfSingletable() {
		assertThat(KotlinRules.internalReferences(Path.of("src/main/kotlin"))).isEmpty()
	}

}
