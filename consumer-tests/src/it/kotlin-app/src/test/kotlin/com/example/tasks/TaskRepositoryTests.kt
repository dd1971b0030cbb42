package com.example.tasks

import dev.singletable.core.VersionConflictException
import dev.singletable.test.autoconfigure.DataSingleTableTest
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.test.runTest
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.springframework.beans.factory.annotation.Autowired
import java.time.LocalDate

@DataSingleTableTest
class TaskRepositoryTests {

    @Autowired
    lateinit var tasks: TaskRepository

    @Test
    fun `derived suspend and Flow queries answer`() = runTest {
        val board = unique("board")
        val ann = unique("ann")
        val write = tasks.save(Task(board = board, title = "Write", assignee = ann, due = LocalDate.of(2026, 6, 1)))
        val read = tasks.save(Task(board = board, title = "Read"))                  // no assignee: not in gsi3

        assertThat(tasks.findByBoard(board).toList()).containsExactly(write, read)
        assertThat(tasks.findByAssigneeAndDue(ann, LocalDate.of(2026, 6, 1))).isEqualTo(write)
        assertThat(tasks.findByAssigneeAndDue(ann, LocalDate.of(2026, 6, 2))).isNull()
        assertThat(tasks.countByBoard(board)).isEqualTo(2L)
    }

    @Test
    fun `nulls and defaults round trip`() = runTest {
        val board = unique("board")
        val saved = tasks.save(Task(board = board, title = "Plan"))

        val read = tasks.findById(saved.id!!)!!
        assertThat(read).isEqualTo(saved)
        assertThat(read.assignee).isNull()
        assertThat(read.due).isNull()
        assertThat(read.status).isEqualTo(Status.OPEN)
        assertThat(read.labels).isEmpty()
        assertThat(read.version).isEqualTo(1L)
        assertThat(read.createdAt).isNotNull()
    }

    @Test
    fun `every save keeps the previous state as a version, on the same repository`() = runTest {
        val board = unique("board")
        val first = tasks.save(Task(board = board, title = "Draft"))
        val id = first.id!!
        val second = tasks.save(first.copy(title = "Final", labels = listOf("docs")))

        assertThat(second.version).isEqualTo(2L)
        assertThat(tasks.findVersions(id).map { it.title }.toList()).containsExactly("Final", "Draft")
        assertThat(tasks.findVersion(id, 1)).isEqualTo(first)
        assertThat(tasks.restore(id, 1).version).isEqualTo(3L)
    }

    @Test
    fun `a stale copy is a version conflict, as in Java`() = runTest {
        val board = unique("board")
        val task = tasks.save(Task(board = board, title = "Review"))
        tasks.save(task.copy(title = "Reviewed"))                                   // version 2

        val conflict = assertThrows<VersionConflictException> { tasks.save(task.copy(title = "Late")) }
        assertThat(conflict.message).contains(task.id)
        assertThat(tasks.findById(task.id!!)!!.title).isEqualTo("Reviewed")
    }

}
