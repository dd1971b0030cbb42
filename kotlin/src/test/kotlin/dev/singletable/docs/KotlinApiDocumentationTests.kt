package dev.singletable.docs

import java.lang.reflect.Modifier
import java.nio.file.Files
import java.nio.file.Path
import kotlin.io.path.extension
import kotlin.io.path.readText
import kotlin.reflect.KVisibility
import kotlin.reflect.jvm.kotlinFunction

import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test

/**
 * Every public function of singletable-kotlin — each top-level function and extension (its file facade's public
 * static methods) and each public function declared by the module's public classes — is named on
 * `docs/reference/kotlin.md`, in backticks (`awaitCreate`, `findAllVersionsAsFlow<Task>(id)`): listed from the
 * compiled classes, so a new function the page does not name fails here.
 */
class KotlinApiDocumentationTests {

	private val page = Path.of("../docs/reference/kotlin.md")

	private val classes = Path.of("target/classes")

	@Test
	fun everyPublicFunctionOfTheModuleIsNamedOnKotlinMd() {
		val functions = publicFunctions()
		assertThat(functions).describedAs("public functions of singletable-kotlin").hasSizeGreaterThan(60)
		val named = namedInBackticks(this.page.readText())

		assertThat(functions.filterNot { it.substringAfterLast('.') in named }.sorted())
			.describedAs("public functions of singletable-kotlin that docs/reference/kotlin.md does not name")
			.isEmpty()
	}

	@Test
	fun aFunctionThePageDoesNotNameIsFound() {
		val named = namedInBackticks("`awaitCreate`, `findAllVersionsAsFlow<Task>(id)` and `tx.create(task)`")

		assertThat(named).contains("awaitCreate", "findAllVersionsAsFlow", "create").doesNotContain("awaitUpdate")
	}

	/** `Owner.name` of each public function, from the compiled classes of the module. */
	private fun publicFunctions(): Set<String> {
		val names = sortedSetOf<String>()
		Files.walk(this.classes).use { paths ->
			paths.filter { it.extension == "class" }.forEach { file ->
				val className = this.classes.relativize(file).toString().removeSuffix(".class").replace('/', '.')
				if (className.contains('$') || className.endsWith("package-info")) {
					return@forEach
				}
				val type = Class.forName(className, false, javaClass.classLoader)
				if (!Modifier.isPublic(type.modifiers) || !type.isAnnotationPresent(Metadata::class.java)) {
					return@forEach
				}
				val facade = type.simpleName.endsWith("Kt")
				if (!facade && type.kotlin.visibility != KVisibility.PUBLIC) {
					return@forEach
				}
				type.declaredMethods
					.filter { Modifier.isPublic(it.modifiers) && !it.isSynthetic && !it.isBridge }
					.filter { facade == Modifier.isStatic(it.modifiers) }
					// internal and @PublishedApi internal functions are public in the bytecode only
					.filter { runCatching { it.kotlinFunction?.visibility }.getOrNull() == KVisibility.PUBLIC }
					.map { it.name.substringBefore('$') }
					.filterNot { it.startsWith("get") || it.startsWith("set") || it.startsWith("component") }
					.filterNot { it in setOf("equals", "hashCode", "toString", "copy", "invoke") }
					.forEach { names.add(type.simpleName + "." + it) }
			}
		}
		return names
	}

	/** Every identifier of a page's code: its fenced blocks and its inline code in backticks. */
	private fun namedInBackticks(text: String): Set<String> {
		val fence = Regex("```[\\s\\S]*?```")
		val code = fence.findAll(text).map { it.value } + Regex("`([^`]+)`").findAll(fence.replace(text, ""))
			.map { it.groupValues[1] }
		return code.flatMap { Regex("[A-Za-z_][A-Za-z0-9_]*").findAll(it).map { word -> word.value } }.toSet()
	}

}
