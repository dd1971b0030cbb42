package com.example.tasks

import dev.singletable.core.reactive.ReactiveSingleTableOperations
import dev.singletable.test.autoconfigure.DataSingleTableTest
import kotlinx.coroutines.test.runTest
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.springframework.beans.factory.annotation.Autowired
import software.amazon.awssdk.core.SdkBytes
import software.amazon.awssdk.services.dynamodb.DynamoDbClient
import software.amazon.awssdk.services.dynamodb.model.AttributeValue
import tools.jackson.databind.json.JsonMapper
import tools.jackson.databind.node.ObjectNode
import java.io.ByteArrayOutputStream
import java.util.zip.GZIPInputStream
import java.util.zip.GZIPOutputStream

/**
 * Properties added with a default value read the items stored before them, compressed or not, without any
 * customizer: the storage mapper registers jackson-module-kotlin.
 */
@DataSingleTableTest
class EvolvingTasksTests {

    @Autowired
    lateinit var tasks: TaskRepository

    @Autowired
    lateinit var attachments: AttachmentRepository

    @Autowired
    lateinit var operations: ReactiveSingleTableOperations

    @Autowired
    lateinit var dynamoDb: DynamoDbClient

    private val json = JsonMapper.builder().build()

    @Test
    fun `a compressed task stored before labels existed reads with the default`() = runTest {
        val task = tasks.save(Task(board = unique("board"), title = "Older", labels = listOf("dropped")))
        val id = task.id!!
        // the JSON as the application wrote it before Task had labels, in the latest state and in version 1
        for (sk in listOf("v0", "v1")) {
            rewriteData(mapOf("pk" to s("Task#$id"), "sk" to s(sk))) { it.remove("labels") }
        }

        assertThat(tasks.findById(id)).isEqualTo(task.copy(labels = emptyList()))
        assertThat(tasks.findVersion(id, 1)!!.labels).isEmpty()
    }

    @Test
    fun `an uncompressed attachment stored before pinned existed reads with the default`() = runTest {
        val id = unique("note")
        dynamoDb.putItem { put ->
            put.tableName(operations.tableName).item(mapOf(   // a Note as an older application stored it
                "pk" to s("Attachment#$id"), "sk" to s("Attachment#$id"), "gsitype" to s("Attachment"),
                "resource_id" to s(id), "version" to n(1), "type" to s("note"),
                "board" to s("b1"), "taskId" to s("t1"), "text" to s("written before pinned")))
        }

        val note = attachments.findById(id) as Note

        assertThat(note.text).isEqualTo("written before pinned")
        assertThat(note.pinned).isFalse()
        assertThat(note.version).isEqualTo(1L)
    }

    private fun rewriteData(key: Map<String, AttributeValue>, change: (ObjectNode) -> Unit) {
        val item = dynamoDb.getItem { it.tableName(operations.tableName).key(key).consistentRead(true) }.item()
        val document = GZIPInputStream(item.getValue("data").b().asInputStream()).use { json.readTree(it) as ObjectNode }
        change(document)
        val gzipped = ByteArrayOutputStream().also { out ->
            GZIPOutputStream(out).use { it.write(json.writeValueAsBytes(document)) }
        }
        dynamoDb.putItem { it.tableName(operations.tableName).item(item + ("data" to b(gzipped.toByteArray()))) }
    }

    private fun s(value: String) = AttributeValue.fromS(value)

    private fun n(value: Long) = AttributeValue.fromN(value.toString())

    private fun b(value: ByteArray) = AttributeValue.fromB(SdkBytes.fromByteArray(value))

}
