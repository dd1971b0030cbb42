package com.example.tasks

import dev.singletable.test.autoconfigure.DataSingleTableTest
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.test.runTest
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.springframework.beans.factory.annotation.Autowired
import org.springframework.context.annotation.Import

@DataSingleTableTest
@Import(Tasks::class)
class AttachmentTests {

    @Autowired
    lateinit var attachments: AttachmentRepository

    @Autowired
    lateinit var service: Tasks

    @Test
    fun `a sealed interface with val id is one entity, each item reads back as its subtype`() = runTest {
        val board = unique("board")
        val link = attachments.save(Link(board = board, taskId = "t1", url = "https://example.com/spec"))
        val note = attachments.save(Note(board = board, taskId = "t1", text = "see the spec"))

        assertThat(link.id).isNotNull()
        assertThat(link.version).isEqualTo(1L)
        assertThat(attachments.findById(link.id!!)).isEqualTo(link)
        assertThat(attachments.findByBoard(board).toList()).containsExactlyInAnyOrder(link, note)
    }

    @Test
    fun `a resource changes subtype between versions`() = runTest {
        val link = attachments.save(Link(board = unique("board"), taskId = "t1", url = "https://example.com"))

        val note = attachments.save(Note(id = link.id, version = link.version, board = link.board, taskId = "t1",
            text = "the page moved"))

        assertThat(note.version).isEqualTo(2L)
        assertThat(attachments.findById(link.id!!)).isInstanceOf(Note::class.java).isEqualTo(note)
    }

    @Test
    fun `a board's tasks and attachments are one item collection, read with reified accessors`() = runTest {
        val board = unique("board")
        val task = service.add(Task(board = board, title = "Write the spec"))
        val link = attachments.save(Link(board = board, taskId = task.id!!, url = "https://example.com/spec"))

        val read = service.board(board)

        assertThat(read.tasks).containsExactly(task)
        assertThat(read.attachments).containsExactly(link)
    }

}
