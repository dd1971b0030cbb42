package dev.singletable.repository.kotlin.tasks

import dev.singletable.repository.kotlin.CoroutineVersionedRepository
import kotlinx.coroutines.flow.Flow
import org.springframework.data.domain.Limit
import org.springframework.data.domain.Page
import org.springframework.data.domain.Pageable
import org.springframework.data.domain.ScrollPosition
import org.springframework.data.domain.Slice
import org.springframework.data.domain.Window
import java.time.LocalDate

/** The coroutine repository of [Task]: derived `suspend` and `Flow` methods of every shape. */
interface CoroutineTasks : CoroutineVersionedRepository<Task, String> {

    suspend fun findByAssigneeAndDue(assignee: String, due: LocalDate): Task?

    suspend fun findAllByAssignee(assignee: String): List<Task>

    fun findByAssignee(assignee: String): Flow<Task>

    fun findByStatus(status: String, pageable: Pageable): Flow<Task>

    suspend fun findTitlesByAssignee(assignee: String): List<TaskTitle>

    suspend fun countByAssignee(assignee: String): Long

    suspend fun countByStatus(status: String): Int

    suspend fun existsByStatus(status: String): Boolean

    suspend fun findByAssignee(assignee: String, position: ScrollPosition, limit: Limit): Window<Task>

    suspend fun findPageByStatus(status: String, pageable: Pageable): Page<Task>

    suspend fun findSliceByStatus(status: String, pageable: Pageable): Slice<Task>

    suspend fun deleteByStatus(status: String)

    suspend fun removeByAssignee(assignee: String): List<Task>

    suspend fun deleteByAssigneeAndDue(assignee: String, due: LocalDate): Long

    fun removeByStatus(status: String): Flow<Task>
}
