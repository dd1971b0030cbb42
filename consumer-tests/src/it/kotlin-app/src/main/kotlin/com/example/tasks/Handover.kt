package com.example.tasks

import org.springframework.stereotype.Service
import org.springframework.transaction.annotation.Transactional

/**
 * Hands tasks over with plain `@Transactional` on `suspend` functions, as a WebFlux application with coroutines
 * writes them: the starter runs them in the reactive transaction manager, though the blocking one is the default.
 */
@Service
class Handover(private val tasks: TaskRepository) {

    /** Both tasks are stored, or neither. */
    @Transactional
    suspend fun handOverBoth(first: Task, second: Task): List<Task> =
        listOf(tasks.insert(first), tasks.insert(second))

    /** The write is collected, then the function fails: nothing is stored. */
    @Transactional
    suspend fun handOverThenFail(task: Task): Task {
        tasks.insert(task)
        error("the new owner refused")
    }

}
