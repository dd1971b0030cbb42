package com.example.tasks

import dev.singletable.core.reactive.ReactiveSingleTableTemplate
import dev.singletable.core.reactive.awaitCreate
import dev.singletable.test.autoconfigure.DataSingleTableTest
import kotlinx.coroutines.future.await
import kotlinx.coroutines.test.runTest
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.springframework.beans.factory.annotation.Autowired
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest
import software.amazon.awssdk.services.dynamodb.model.AttributeValue
import java.time.LocalDate

/** kotlin.md's sparse `gsi3` of `Task`: only tasks with an assignee and a due date are in it, the others are stored. */
@DataSingleTableTest
class SparseIndexTests {

    @Autowired
    lateinit var operations: ReactiveSingleTableTemplate

    @Autowired
    lateinit var tasks: TaskRepository

    @Test
    fun `a task with an assignee but no due date is stored without gsi3 keys, as one without an assignee`() = runTest {
        val ann = unique("ann")
        val due = LocalDate.of(2026, 5, 1)
        val both = operations.awaitCreate(Task(board = "b", title = "both", assignee = ann, due = due))
        val noDue = operations.awaitCreate(Task(board = "b", title = "no due date", assignee = ann))
        val nobody = operations.awaitCreate(Task(board = "b", title = "no assignee", due = due))

        assertThat(gsi3Keys(both)).containsExactlyInAnyOrder("gsi3pk", "gsi3sk")
        assertThat(gsi3Keys(noDue)).isEmpty()
        assertThat(gsi3Keys(nobody)).isEmpty()
        assertThat(tasks.findByAssigneeAndDue(ann, due)).isEqualTo(both)
        assertThat(tasks.findById(noDue.id!!)).isEqualTo(noDue)
    }

    /** The gsi3 attributes of the task's latest item, as stored. */
    private suspend fun gsi3Keys(task: Task): List<String> {
        val factory = operations.databaseFactory
        val item = factory.client.getItem(GetItemRequest.builder()
            .tableName(factory.tableName)
            .key(mapOf("pk" to AttributeValue.fromS("Task#" + task.id), "sk" to AttributeValue.fromS("v0")))
            .build()).await().item()
        assertThat(item).describedAs("the stored latest version of %s", task.id).isNotEmpty()
        return item.keys.filter { it.startsWith("gsi3") }
    }

}
