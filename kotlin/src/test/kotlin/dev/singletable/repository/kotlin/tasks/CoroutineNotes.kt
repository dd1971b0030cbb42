package dev.singletable.repository.kotlin.tasks

import dev.singletable.repository.kotlin.CoroutineSingleTableRepository
import kotlinx.coroutines.flow.Flow
import org.springframework.data.repository.Repository
import org.springframework.data.repository.kotlin.CoroutineCrudRepository

/** Spring Data's own coroutine repository on a singletable entity. */
interface SpringCoroutineNotes : CoroutineCrudRepository<Note, String> {

    fun findByTopic(topic: String): Flow<Note>
}

/** singletable-kotlin's plain coroutine repository: create-only inserts and partial updates besides CRUD. */
interface CoroutineNotes : CoroutineSingleTableRepository<Note, String> {

    suspend fun countByTopic(topic: String): Long
}

/** A repository declaring only `suspend` functions, which extends no repository interface of either kind. */
interface SuspendOnlyNotes : Repository<Note, String> {

    suspend fun findOneByTopic(topic: String): Note?

    suspend fun existsByTopic(topic: String): Boolean
}
