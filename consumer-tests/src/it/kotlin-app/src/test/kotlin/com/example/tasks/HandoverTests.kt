package com.example.tasks

import dev.singletable.core.TransactionCancelledException
import dev.singletable.test.autoconfigure.DataSingleTableTest
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.test.runTest
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.springframework.beans.factory.annotation.Autowired
import org.springframework.context.annotation.Import

@DataSingleTableTest
@Import(Handover::class)
class HandoverTests {

    @Autowired
    lateinit var handover: Handover

    @Autowired
    lateinit var tasks: TaskRepository

    @Test
    fun `a plain Transactional suspend function that throws after its write rolls it back`() = runTest {
        val board = unique("board")

        val failure = assertThrows<IllegalStateException> {
            handover.handOverThenFail(Task(board = board, title = "collected, never sent"))
        }

        assertThat(failure.message).isEqualTo("the new owner refused")
        assertThat(tasks.countByBoard(board)).isZero()
    }

    @Test
    fun `a plain Transactional suspend function stores both tasks, or neither when DynamoDB cancels one`() = runTest {
        val board = unique("board")
        val both = handover.handOverBoth(Task(board = board, title = "one"), Task(board = board, title = "two"))
        assertThat(tasks.findByBoard(board).toList()).containsExactlyInAnyOrderElementsOf(both)

        val third = Task(id = unique("t"), board = board, title = "three")
        assertThrows<TransactionCancelledException> {
            handover.handOverBoth(third, Task(id = both[0].id, board = board, title = "one again"))
        }
        assertThat(tasks.findById(third.id!!)).isNull()
        assertThat(tasks.countByBoard(board)).isEqualTo(2L)
    }

}
