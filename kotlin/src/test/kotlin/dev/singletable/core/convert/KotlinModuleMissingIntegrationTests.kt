package dev.singletable.core.convert

import dev.singletable.core.SingleTableTemplate
import dev.singletable.core.mapping.InvalidEntityDefinitionException
import dev.singletable.core.mapping.SingleTableMappingContext
import dev.singletable.test.DynamoDbLocal
import dev.singletable.test.DynamoDbLocalExtension
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient
import software.amazon.awssdk.regions.Region
import software.amazon.awssdk.services.dynamodb.DynamoDbClient
import java.io.File
import java.net.URI
import java.net.URL
import java.net.URLClassLoader
import java.nio.file.Path
import java.time.Instant
import java.util.function.Function

/**
 * A Kotlin application without Jackson's Kotlin module (issue 50, item 1): core works, Java records are stored as
 * ever, and a Kotlin entity type is refused when it is first mapped with a typed exception naming the module and the
 * artifact that brings it, before anything reaches the table. The application runs in a class loader over this
 * JVM's class path that refuses the module's classes ([WithoutKotlinModule]), as a class path without the module
 * would; [MissingModuleApplication] is what runs there.
 */
class KotlinModuleMissingIntegrationTests {

    companion object {

        @JvmField
        @RegisterExtension
        val dynamo = DynamoDbLocalExtension("singletable-kotlin-no-module")

    }

    @Test
    fun aKotlinEntityIsRefusedWhenFirstMappedNamingTheModuleAndCoreWorksWithoutIt() {
        val results = WithoutKotlinModule().use { loader ->
            assertThat(loadable(loader, "tools.jackson.module.kotlin.KotlinModule")).isFalse()
            assertThat(loadable(loader, "kotlin.Metadata")).isTrue()
            assertThat(loader.loadClass(SingleTableTemplate::class.java.name)).isNotSameAs(SingleTableTemplate::class.java)
            @Suppress("UNCHECKED_CAST")
            val application = loader.loadClass(MissingModuleApplication::class.java.name).getConstructor()
                .newInstance() as Function<List<String>, Map<String, String>>
            application.apply(listOf(DynamoDbLocal.endpoint().toString(), dynamo.tableName()))
        }

        assertThat(results["modules"]).doesNotContain("Kotlin").contains("SimpleModule")
        for (refused in listOf("converter", "template")) {
            assertThat(results["$refused.exception"]).isEqualTo(InvalidEntityDefinitionException::class.java.name)
            assertThat(results["$refused.message"])
                .startsWith("Invalid single-table entity " + KotlinEntityIntegrationTests.Task::class.java.name)
                .contains("it is a Kotlin class")
                .contains("tools.jackson.module:jackson-module-kotlin")
                .contains("dev.singletable:singletable-kotlin")
        }
        assertThat(dynamo.storedItem("KotlinTask#t1", "v0")).isEmpty()
        assertThat(results["record"]).isEqualTo(
            TaskRecord("t1", 1L, "write", null, TaskRecord.Priority.LOW, setOf(), listOf(), false, false, null,
                "o@x", null).toString(),
        )
        assertThat(dynamo.storedItem("JavaTask#t1", "v0")).containsKey("data")
    }

    private fun loadable(loader: ClassLoader, name: String): Boolean =
        try {
            Class.forName(name, false, loader)
            true
        } catch (ex: ClassNotFoundException) {
            false
        }

    /**
     * This JVM's class path, every class loaded anew (the platform's excepted), but for the classes and resources of
     * Jackson's Kotlin module.
     */
    private class WithoutKotlinModule : URLClassLoader(classPath(), ClassLoader.getPlatformClassLoader()) {

        companion object {

            private const val MODULE_PACKAGE = "tools.jackson.module.kotlin."

            private fun classPath(): Array<URL> = System.getProperty("java.class.path")
                .split(File.pathSeparator)
                .filter { it.isNotEmpty() }
                .map { Path.of(it).toUri().toURL() }
                .toTypedArray()

        }

        override fun loadClass(name: String, resolve: Boolean): Class<*> {
            if (name.startsWith(MODULE_PACKAGE)) {
                throw ClassNotFoundException("$name (Jackson's Kotlin module is not on this class path)")
            }
            return super.loadClass(name, resolve)
        }

        override fun findResource(name: String): URL? =
            if (name.startsWith(MODULE_PACKAGE.replace('.', '/'))) null else super.findResource(name)

    }

}

/**
 * The application without the module, run in [KotlinModuleMissingIntegrationTests]'s class loader: given the
 * endpoint of DynamoDB Local and a table, it maps a Kotlin entity type with a converter and writes one with a
 * hand-built template (both refused), then stores a Java record, and reports what happened as strings.
 */
class MissingModuleApplication : Function<List<String>, Map<String, String>> {

    override fun apply(arguments: List<String>): Map<String, String> {
        val (endpoint, table) = arguments
        val results = mutableMapOf<String, String>()
        results["modules"] = StorageJsonMapper.create().registeredModules().joinToString { it.javaClass.name }
        val converter = MappingSingleTableConverter(SingleTableMappingContext())
        refusal(results, "converter") { converter.getRequiredEntity(KotlinEntityIntegrationTests.Task::class.java) }
        DynamoDbClient.builder()
            .endpointOverride(URI.create(endpoint))
            .region(Region.US_EAST_1)
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy")))
            .build()
            .use { client ->
                val template = SingleTableTemplate(client, table)
                refusal(results, "template") {
                    template.create(KotlinEntityIntegrationTests.Task("t1", title = "write",
                        owner = KotlinEntityIntegrationTests.Email("o@x")))
                }
                template.create(TaskRecord("t1", null, "write", null, TaskRecord.Priority.LOW, setOf(), listOf(),
                    false, false, null, "o@x", null))
                results["record"] = template.findById(TaskRecord::class.java, "t1").orElseThrow().toString()
                check(converter.writeBody(TaskRecord("t2", 1L, "x", null, TaskRecord.Priority.HIGH, setOf(),
                    listOf(), false, false, null, "o", null), null, Instant.EPOCH).containsKey("data"))
            }
        return results
    }

    private fun refusal(results: MutableMap<String, String>, name: String, operation: () -> Unit) {
        try {
            operation()
            results["$name.exception"] = "none"
        } catch (ex: RuntimeException) {
            results["$name.exception"] = ex.javaClass.name
            results["$name.message"] = ex.message.orEmpty()
        }
    }

}
