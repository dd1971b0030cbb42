package com.example.tasks

import org.junit.jupiter.api.Assumptions.assumeTrue
import software.amazon.awssdk.services.dynamodb.DynamoDbClient
import tools.jackson.databind.JsonNode
import tools.jackson.databind.json.JsonMapper
import java.io.File
import java.io.IOException
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * The Python library simplesingletable (16.5.0, the source vendored in `shared/vendor`) run on the same table as the
 * application, through `src/test/resources/python/tasks.py`: one `python3` process per command, against the
 * database of the test's context on the embedded DynamoDB Local. Where the library's source, the interpreter,
 * boto3 or pydantic 2 is missing, the calling test is skipped with the reason.
 *
 * The library's location: the system property `singletable.python.vendor`, else the environment variable
 * `SINGLETABLE_PY_VENDOR`, else the first `shared/vendor` beside this build or one of its parents; the interpreter:
 * `singletable.python` / `SINGLETABLE_PYTHON`, else `python3`.
 */
class PythonTasks(private val dynamoDb: DynamoDbClient, private val table: String) {

    private val json = JsonMapper.builder().build()

    /** Reads a task (its latest state, or a version) with `get_existing`; `null` when none is stored. */
    fun get(id: String, version: Long = 0): JsonNode? =
        call(mapOf("op" to "get", "id" to id, "version" to version)).takeUnless { it.isNull }

    /** Updates the latest state of a task with `update_existing(read_existing(id), data)`. */
    fun update(id: String, data: Map<String, Any?>): JsonNode = call(mapOf("op" to "update", "id" to id, "data" to data))

    private fun call(command: Map<String, Any?>): JsonNode {
        val vendor = vendor()
        assumeTrue(vendor != null && File(vendor, "$LIBRARY/src/simplesingletable/__init__.py").isFile) {
            "Python simplesingletable source not found at $vendor (set -Dsingletable.python.vendor)"
        }
        val configuration = dynamoDb.serviceClientConfiguration()
        val accessKey = configuration.credentialsProvider().resolveIdentity().join().accessKeyId()
        val builder = ProcessBuilder(setting("singletable.python", "SINGLETABLE_PYTHON") ?: "python3", script(),
            configuration.endpointOverride().orElseThrow().toString(), configuration.region().id(), accessKey, table,
            json.writeValueAsString(command))
        builder.environment()["PYTHONPATH"] = listOf("$vendor/$LIBRARY/src", "$vendor/pyshim")
            .joinToString(File.pathSeparator)
        builder.environment()["PYTHONDONTWRITEBYTECODE"] = "1"   // nothing written into the vendored source
        builder.redirectError(ProcessBuilder.Redirect.INHERIT)
        val process = try {
            builder.start()
        } catch (ex: IOException) {
            assumeTrue(false) { "no Python interpreter: ${ex.message}" }
            throw ex
        }
        val output = process.inputStream.bufferedReader().readText()
        check(process.waitFor(60, TimeUnit.SECONDS)) { "python3 did not answer" }
        val answer = json.readTree(output.lines().last { it.isNotBlank() })
        assumeTrue(!answer.has("skip")) { "Python simplesingletable cannot run: ${answer.path("skip").asString()}" }
        check(answer.path("ok").asBoolean()) { "Python raised ${answer.path("error").asString()}" }
        return answer.get("result")
    }

    private fun script(): String =
        Path.of(checkNotNull(PythonTasks::class.java.getResource("/python/tasks.py")).toURI()).toString()

    private fun vendor(): File? {
        setting("singletable.python.vendor", "SINGLETABLE_PY_VENDOR")?.let { return File(it).absoluteFile }
        return generateSequence(File("").absoluteFile) { it.parentFile }
            .map { File(it, "shared/vendor") }
            .firstOrNull { it.isDirectory }
    }

    private fun setting(property: String, variable: String): String? =
        (System.getProperty(property) ?: System.getenv(variable))?.takeIf { it.isNotBlank() }

    private companion object {
        const val LIBRARY = "simplesingletable-16.5.0"
    }

}
