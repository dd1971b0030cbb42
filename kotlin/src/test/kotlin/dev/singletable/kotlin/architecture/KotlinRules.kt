package dev.singletable.kotlin.architecture

import java.nio.file.Files
import java.nio.file.Path
import kotlin.io.path.extension
import kotlin.io.path.readLines

import com.tngtech.archunit.core.domain.JavaClasses
import com.tngtech.archunit.core.importer.ClassFileImporter
import com.tngtech.archunit.lang.ArchRule
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses

import dev.singletable.core.reactive.CoroutineSingleTableTransaction

/**
 * The boundary of the Kotlin extensions: they are built on core as an application is, through core's API and its SPI
 * (`dev.singletable.core.spi`), and never use an internal package of singletable (`dev.singletable.core.internal`,
 * `dev.singletable.evolution.internal`, ...), which change without notice. The module's classes share core's
 * packages (`dev.singletable.core.query`, ...), so they are told apart by where they were compiled to, not by
 * package. [KotlinArchitectureTests] checks the module; [KotlinRulesFailureTests] shows the rules failing on a
 * planted class.
 */
internal object KotlinRules {

	/** The internal packages of singletable, whatever the subsystem. */
	const val INTERNALS: String = "dev.singletable..internal.."

	private val internalReference = Regex("""^\s*(?![*/]).*\bdev\.singletable\.([a-z0-9_]+\.)*internal\.""")

	/** The module uses no internal package of singletable. */
	fun usesSingletableThroughItsApiAndSpi(): ArchRule = noClasses().should()
		.dependOnClassesThat()
		.resideInAPackage(INTERNALS)
		.because("the Kotlin extensions are built on core's API and its SPI (dev.singletable.core.spi): core's " +
			"internals change without them")

	/** The module's main classes: those of the directory or jar that holds [CoroutineSingleTableTransaction]. */
	fun mainClasses(): JavaClasses = ClassFileImporter().importPath(
		Path.of(CoroutineSingleTableTransaction::class.java.protectionDomain.codeSource.location.toURI()))

	/**
	 * The lines of code (not comments) of the module's sources that name an internal package of singletable, in an
	 * import or in full: what the class rule cannot see where a class uses only an internal constant, which the
	 * compiler copies into it.
	 */
	fun internalReferences(sources: Path): List<String> = Files.walk(sources).use { files ->
		files.filter { it.extension == "kt" || it.extension == "java" }.sorted().toList().flatMap { file ->
			file.readLines().filter { internalReference.containsMatchIn(it) }
				.map { "${sources.relativize(file)}: ${it.trim()}" }
		}
	}

}
