package com.example.tasks

import dev.singletable.core.TransactionCancelledException
import dev.singletable.core.reactive.ReactiveSingleTableTransactionManager
import dev.singletable.test.autoconfigure.DataSingleTableTest
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.test.runTest
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.springframework.beans.factory.annotation.Autowired
import org.springframework.context.annotation.Import
import org.springframework.transaction.reactive.TransactionalOperator
import org.springframework.transaction.reactive.executeAndAwait
import java.time.LocalDate

@DataSingleTableTest
@Import(Tasks::class)
class TasksTests {

    @Autowired
    lateinit var service: Tasks

    @Autowired
    lateinit var tasks: TaskRepository

    @Autowired
    lateinit var operator: TransactionalOperator

    @Autowired
    lateinit var transactionManager: ReactiveSingleTableTransactionManager

    @Test
    fun `a suspend transactional method stores both tasks, or neither when the second fails`() = runTest {
        val board = unique("board")
        val both = service.addBoth(Task(board = board, title = "one"), Task(board = board, title = "two"))
        assertThat(tasks.findByBoard(board).toList()).containsExactlyInAnyOrderElementsOf(both)

        // the second takes an id that exists: DynamoDB cancels the transaction, the first is not stored either
        val third = Task(id = unique("t"), board = board, title = "three")
        assertThrows<TransactionCancelledException> {
            service.addBoth(third, Task(id = both[0].id, board = board, title = "one again"))
        }
        assertThat(tasks.findById(third.id!!)).isNull()
        assertThat(tasks.countByBoard(board)).isEqualTo(2L)
    }

    @Test
    fun `the TransactionalOperator of the context rolls back a failing suspend block`() = runTest {
        val board = unique("board")

        val failure = assertThrows<IllegalStateException> {
            operator.executeAndAwait {
                tasks.insert(Task(board = board, title = "collected, never sent"))
                check(false) { "the block fails after its write" }
            }
        }
        assertThat(failure.message).isEqualTo("the block fails after its write")
        assertThat(tasks.countByBoard(board)).isZero()

        val stored = operator.executeAndAwait { tasks.insert(Task(board = board, title = "sent on return")) }
        assertThat(tasks.findById(stored.id!!)).isEqualTo(stored)
    }

    @Test
    fun `the reactive transaction manager is injected by type`() {
        assertThat(transactionManager).isNotNull()
    }

    @Test
    fun `the query DSL reads an index by property references`() = runTest {
        val ann = unique("ann")
        val board = unique("board")
        val june = (1..4).map {
            service.add(Task(board = board, title = "T$it", assignee = ann, due = LocalDate.of(2026, 6, it)))
        }
        service.add(Task(board = board, title = "someone else's", assignee = unique("bob"), due = LocalDate.of(2026, 6, 2)))

        assertThat(service.due(ann, LocalDate.of(2026, 6, 2), LocalDate.of(2026, 6, 3)).toList())
            .containsExactly(june[1], june[2])
    }

    @Test
    fun `reified reads and a partial update by property reference`() = runTest {
        val task = service.add(Task(board = unique("board"), title = "Ship"))

        val done = service.complete(task)

        assertThat(done.status).isEqualTo(Status.DONE)
        assertThat(done.version).isEqualTo(2L)
        val id = task.id!!
        assertThat(service.find(id)).isEqualTo(done)
        assertThat(service.history(id).toList()).containsExactly(done, task)
        assertThat(service.find(unique("nothing"))).isNull()
    }

}
