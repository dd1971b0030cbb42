package com.example.tasks

import dev.singletable.repository.kotlin.CoroutineVersionedRepository
import kotlinx.coroutines.flow.Flow
import java.time.LocalDate

interface TaskRepository : CoroutineVersionedRepository<Task, String> {

    fun findByBoard(board: String): Flow<Task>                                     // gsi1, page by page

    suspend fun findByAssigneeAndDue(assignee: String, due: LocalDate): Task?      // gsi3, at most one

    suspend fun countByBoard(board: String): Long

}
