package com.example.tasks

import dev.singletable.events.SingleTableChangeStream
import dev.singletable.test.autoconfigure.DataSingleTableTest
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.test.runTest
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.springframework.beans.factory.annotation.Autowired
import org.springframework.context.annotation.Import
import java.time.Duration

@DataSingleTableTest(properties = ["singletable.changes.enabled=true"])
@Import(Tasks::class, TaskActivity::class)
class TaskActivityTests {

    @Autowired
    lateinit var service: Tasks

    @Autowired
    lateinit var activity: TaskActivity

    @Autowired
    lateinit var changeStream: SingleTableChangeStream

    @Test
    fun `a suspend listener and a Flow of changes receive the changes of tasks`() = runTest {
        val task = service.add(Task(board = unique("board"), title = "Announce"))
        service.complete(task)

        changeStream.awaitDelivered(Duration.ofSeconds(30))   // every change written so far was delivered

        assertThat(activity.completed).containsOnlyOnce(task.id)
        withContext(Dispatchers.Default) {                   // the Flow's collector appends after receiving it
            withTimeout(10_000) {
                while (task.id !in activity.created) delay(20)
            }
        }
        assertThat(activity.created).containsOnlyOnce(task.id)
    }

}
