package com.example.tasks

import dev.singletable.core.query.get
import dev.singletable.core.reactive.ReactiveSingleTableOperations
import dev.singletable.core.reactive.ReactiveSingleTableTransactional
import dev.singletable.core.reactive.awaitCollection
import dev.singletable.core.reactive.awaitFindById
import dev.singletable.core.reactive.awaitUpdate
import dev.singletable.core.reactive.flow
import dev.singletable.core.reactive.query
import kotlinx.coroutines.flow.Flow
import org.springframework.stereotype.Service
import java.time.LocalDate

@Service
class Tasks(private val tasks: TaskRepository, private val operations: ReactiveSingleTableOperations) {

    suspend fun add(task: Task): Task = tasks.insert(task)                       // version 1

    suspend fun find(id: String): Task? = operations.awaitFindById<Task>(id)

    suspend fun complete(task: Task): Task = operations.awaitUpdate(task) {      // version 2, v1 kept
        set(Task::status, Status.DONE)
    }

    fun onBoard(board: String): Flow<Task> = tasks.findByBoard(board)

    fun history(id: String): Flow<Task> = tasks.findVersions(id)                 // newest first

    /** Both tasks are stored, or neither: an id already taken cancels both. */
    @ReactiveSingleTableTransactional
    suspend fun addBoth(first: Task, second: Task): List<Task> =
        listOf(tasks.insert(first), tasks.insert(second))                         // sent together on return

    fun due(assignee: String, from: LocalDate, until: LocalDate): Flow<Task> =
        operations.query<Task> {
            index("gsi3")
            Task::assignee eq assignee                                            // gsi3pk = assignee#<assignee>
            Task::due between (from to until)                                     // gsi3sk
        }.flow()

    suspend fun board(board: String): Board {
        val page = operations.queryCollection("gsi1", Task::class.java, Attachment::class.java)
            .partition("board#$board")
            .awaitCollection()                                                    // one query per page
        return Board(page.get<Task>(), page.get<Attachment>())
    }

}

data class Board(val tasks: List<Task>, val attachments: List<Attachment>)
