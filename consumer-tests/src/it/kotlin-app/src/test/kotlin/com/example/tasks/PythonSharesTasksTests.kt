package com.example.tasks

import dev.singletable.core.reactive.ReactiveSingleTableOperations
import dev.singletable.test.autoconfigure.DataSingleTableTest
import kotlinx.coroutines.test.runTest
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.springframework.beans.factory.annotation.Autowired
import software.amazon.awssdk.services.dynamodb.DynamoDbClient
import java.time.LocalDate
import java.time.OffsetDateTime

/** The Python library reads the Kotlin entities, nulls and defaults unchanged, and Kotlin reads what it writes. */
@DataSingleTableTest
class PythonSharesTasksTests {

    @Autowired
    lateinit var tasks: TaskRepository

    @Autowired
    lateinit var operations: ReactiveSingleTableOperations

    @Autowired
    lateinit var dynamoDb: DynamoDbClient

    lateinit var python: PythonTasks

    @BeforeEach
    fun python() {
        python = PythonTasks(dynamoDb, operations.tableName)
    }

    @Test
    fun `Python reads a task with nulls and defaults as Kotlin stored it`() = runTest {
        val task = tasks.save(Task(board = unique("board"), title = "Plan"))

        val read = python.get(task.id!!)!!

        val fields = read["fields"]
        assertThat(fields["resource_id"].asString()).isEqualTo(task.id)
        assertThat(fields["version"].asLong()).isEqualTo(1L)
        assertThat(OffsetDateTime.parse(fields["created_at"].asString()).toInstant()).isEqualTo(task.createdAt)
        assertThat(OffsetDateTime.parse(fields["updated_at"].asString()).toInstant()).isEqualTo(task.updatedAt)
        assertThat(fields["board"].asString()).isEqualTo(task.board)
        assertThat(fields["title"].asString()).isEqualTo("Plan")
        assertThat(fields["assignee"].isNull).isTrue()
        assertThat(fields["due"].isNull).isTrue()
        assertThat(fields["status"].asString()).isEqualTo("OPEN")
        assertThat(fields["labels"].isArray && fields["labels"].isEmpty).isTrue()
        val types = read["types"]
        assertThat(types["assignee"].asString()).isEqualTo("NoneType")
        assertThat(types["status"].asString()).isEqualTo("Status")
        assertThat(types["labels"].asString()).isEqualTo("list")
    }

    @Test
    fun `Python reads every value Kotlin set, and its update is the next version Kotlin reads`() = runTest {
        val ann = unique("ann")
        val task = tasks.save(Task(board = unique("board"), title = "Ship", assignee = ann,
            due = LocalDate.of(2026, 6, 1), status = Status.DONE, labels = listOf("release", "docs")))

        val id = task.id!!
        val fields = python.get(id)!!["fields"]
        assertThat(fields["assignee"].asString()).isEqualTo(ann)
        assertThat(fields["due"].asString()).isEqualTo("2026-06-01")
        assertThat(fields["status"].asString()).isEqualTo("DONE")
        assertThat(fields["labels"].values().map { it.asString() }).containsExactly("release", "docs")

        python.update(id, mapOf("title" to "Shipped", "due" to "2026-06-02", "labels" to emptyList<String>()))

        val updated = tasks.findById(id)!!
        assertThat(updated).isEqualTo(task.copy(version = 2, title = "Shipped", due = LocalDate.of(2026, 6, 2),
            labels = emptyList(), updatedAt = updated.updatedAt))
        assertThat(tasks.findByAssigneeAndDue(ann, LocalDate.of(2026, 6, 2))).isEqualTo(updated)   // Python's gsi3 keys
        assertThat(tasks.findVersion(id, 1)).isEqualTo(task)
    }

}
