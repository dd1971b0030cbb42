package dev.singletable.core

import java.io.File
import java.nio.file.Files
import java.nio.file.Path

import org.assertj.core.api.Assertions.assertThat
import org.jetbrains.kotlin.cli.common.arguments.K2JVMCompilerArguments
import org.jetbrains.kotlin.cli.common.messages.CompilerMessageSeverity
import org.jetbrains.kotlin.cli.common.messages.CompilerMessageSourceLocation
import org.jetbrains.kotlin.cli.common.messages.MessageCollector
import org.jetbrains.kotlin.cli.jvm.K2JVMCompiler
import org.jetbrains.kotlin.config.Services
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/**
 * Kotlin's compiler sees the API's nullability, as `@NullMarked` packages and the extensions declare it, not platform
 * types: a snippet compiled against the API (with the Kotlin compiler of the build) must fail exactly where it puts a
 * nullable result into a non-null variable or passes `null` where none is allowed, and must be warned that `!!` on a
 * non-null result is useless. Against platform types each of those lines would compile silently, so these tests fail
 * as soon as a part of the API loses its nullability.
 */
class ApiNullabilityTests {

	@TempDir
	lateinit var directory: Path

	/**
	 * Each line marked `// error: x` must fail with a message holding x. A nullable result put where none is allowed,
	 * and `null` passed where none is allowed.
	 */
	private val refused = """
		import dev.singletable.core.SingleTableOperations
		import dev.singletable.core.findById
		import dev.singletable.core.query.ItemCollection
		import dev.singletable.core.query.first
		import dev.singletable.core.reactive.ReactiveSingleTableOperations
		import dev.singletable.core.reactive.awaitFindById
		import dev.singletable.fixtures.Task

		fun blocking(template: SingleTableOperations, page: ItemCollection, stored: Task) {
			val found: Task = template.findById<Task>("t1") // error: 'Task?'
			val blob: String = template.loadBlob<String>(stored, "notes") // error: 'String?'
			template.findById(Task::class.java, null) // error: null cannot be a value of a non-null type
			val first: Task = page.first<Task>() // error: 'Task?'
			val cursor: String = page.nextCursor() // error: 'String?'
			println(listOf(found, blob, first, cursor))
		}

		suspend fun reactive(template: ReactiveSingleTableOperations) {
			val found: Task = template.awaitFindById<Task>("t1") // error: 'Task?'
			println(found)
		}
	""".trimIndent()

	/**
	 * Compiles, but each line marked `// warning: x` is warned so: `!!` on a result Kotlin knows is not null (on a
	 * platform type it says nothing).
	 */
	private val accepted = """
		import dev.singletable.core.SingleTableOperations
		import dev.singletable.core.findById
		import dev.singletable.core.reactive.ReactiveSingleTableOperations
		import dev.singletable.core.reactive.awaitGetById
		import dev.singletable.fixtures.Task

		fun blocking(template: SingleTableOperations) {
			val maybe: Task? = template.findById<Task>("t1")
			val stored: Task = template.getById(Task::class.java, "t1")!! // warning: unnecessary non-null assertion
			val name: String = template.getTableName()!! // warning: unnecessary non-null assertion
			template.query(Task::class.java).page(null)
			println(listOf(maybe, stored, name))
		}

		suspend fun reactive(template: ReactiveSingleTableOperations) {
			val stored: Task = template.awaitGetById<Task>("t1")!! // warning: unnecessary non-null assertion
			template.query(Task::class.java).page(null)
			println(stored)
		}
	""".trimIndent()

	@Test
	fun kotlinRefusesANullableResultWhereNoneIsAllowedAndNullWhereTheApiTakesNone() {
		val diagnostics = compile("Refused.kt", this.refused)

		val expected = expectations(this.refused, "error")
		assertThat(expected).hasSize(6)
		assertExpected(this.refused, expected, diagnostics)
		// and nothing else: the snippet compiles but for what it is there to show
		assertThat(diagnostics.filter { it.kind == "error" }.map { it.line })
			.isSubsetOf(expected.map { it.line })
	}

	@Test
	fun kotlinKnowsTheApisNonNullResultsAreNotNull() {
		val diagnostics = compile("Accepted.kt", this.accepted)

		val expected = expectations(this.accepted, "warning")
		assertThat(expected).hasSize(3)
		assertThat(diagnostics.filter { it.kind == "error" }).isEmpty()
		assertExpected(this.accepted, expected, diagnostics)
	}

	private fun expectations(snippet: String, kind: String): List<Expected> = snippet.lines()
		.mapIndexedNotNull { index, line ->
			Regex("// $kind: (.+)$").find(line)?.let { Expected(index + 1, kind, it.groupValues[1]) }
		}

	private fun assertExpected(snippet: String, expected: List<Expected>, diagnostics: List<Diagnostic>) {
		for (expectation in expected) {
			assertThat(diagnostics.filter { it.line == expectation.line })
				.describedAs("line %d of the snippet, %s; the compiler said %s", expectation.line,
					snippet.lines()[expectation.line - 1], diagnostics)
				.anySatisfy { diagnostic ->
					assertThat(diagnostic.kind).isEqualTo(expectation.kind)
					assertThat(diagnostic.message).containsIgnoringCase(expectation.text)
				}
		}
	}

	private fun compile(name: String, snippet: String): List<Diagnostic> {
		val source = this.directory.resolve(name)
		Files.writeString(source, snippet)
		val diagnostics = mutableListOf<Diagnostic>()
		val collector = object : MessageCollector {

			override fun clear() {
				diagnostics.clear()
			}

			override fun hasErrors(): Boolean = diagnostics.any { it.kind == "error" }

			override fun report(severity: CompilerMessageSeverity, message: String,
					location: CompilerMessageSourceLocation?) {
				val kind = when {
					severity.isError -> "error"
					severity.isWarning -> "warning"
					else -> return
				}
				if (location == null || !location.path.endsWith(name)) {
					// the compiler's own trouble (a class path it cannot read): kept, at no line of the snippet
					diagnostics.add(Diagnostic(kind, message, 0))
					return
				}
				diagnostics.add(Diagnostic(kind, message, location?.line ?: 0))
			}

		}
		val arguments = K2JVMCompilerArguments().apply {
			freeArgs = listOf(source.toString())
			classpath = testClassPath()
			destination = directory.resolve(name + ".classes").toString()
			noStdlib = true
			noReflect = true
			jvmTarget = "17"
			// a snippet, not a script: the scripting plugin, whose jars the class path only partly holds, stays off
			disableDefaultScriptingPlugin = true
		}
		K2JVMCompiler().exec(collector, Services.EMPTY, arguments)
		return diagnostics
	}

	/** The class path of the tests (Surefire's, which its launcher jar only names), the API and the fixtures on it. */
	private fun testClassPath(): String {
		val path = System.getProperty("surefire.test.class.path") ?: System.getProperty("java.class.path")
		return path.split(File.pathSeparator).filter { File(it).exists() }.joinToString(File.pathSeparator)
	}

	private data class Expected(val line: Int, val kind: String, val text: String)

	private data class Diagnostic(val kind: String, val message: String, val line: Int)

}
