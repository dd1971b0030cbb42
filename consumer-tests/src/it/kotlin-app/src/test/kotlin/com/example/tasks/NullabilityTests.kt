package com.example.tasks

import dev.singletable.core.NoSuchResourceException
import dev.singletable.core.VersionConflictException
import dev.singletable.core.reactive.ReactiveSingleTableOperations
import dev.singletable.core.reactive.awaitCollection
import dev.singletable.core.reactive.awaitFindById
import dev.singletable.core.reactive.awaitGetById
import dev.singletable.core.reactive.awaitPage
import dev.singletable.core.reactive.awaitUpdate
import dev.singletable.core.reactive.query
import dev.singletable.test.autoconfigure.DataSingleTableTest
import kotlinx.coroutines.test.runTest
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.springframework.beans.factory.annotation.Autowired

/**
 * Kotlin sees the nullability singletable's Java API declares (JSpecify's `@NullMarked` packages), not platform
 * types. The nullable results are checked when this class compiles: each `val …: Nullable = seen(…)` compiles only
 * for a type Kotlin knows is nullable, and each `?:` would be a warning, an error under the build's `-Werror`, on a
 * non-null type. The non-null results are checked when it runs: their static type carries no `!`.
 */
@DataSingleTableTest
class NullabilityTests {

    @Autowired
    lateinit var operations: ReactiveSingleTableOperations

    @Autowired
    lateinit var tasks: TaskRepository

    @Test
    fun `nullable results are nullable for the compiler`() = runTest {
        val board = unique("board")
        val task = tasks.save(Task(board = board, title = "Plan"))

        val page = operations.query<Task> { index("gsi1"); Task::board eq board }.awaitPage()
        val cursor: Nullable = seen(page.nextCursor())
        assertThat(page.nextCursor() ?: "the last page").isEqualTo("the last page")

        val collection = operations.queryCollection("gsi1", Task::class.java, Attachment::class.java)
            .partition("board#$board").awaitCollection()
        val collectionCursor: Nullable = seen(collection.nextCursor())
        assertThat(collection.nextCursor() ?: "the last page").isEqualTo("the last page")

        val latest: Task? = operations.awaitFindById<Task>(unique("nothing"))
        val found: Nullable = seen(latest)
        val repositoryFound: Nullable = seen(tasks.findById(task.id!!))
        assertThat(latest?.title ?: "none").isEqualTo("none")

        operations.awaitUpdate(task.copy(title = "Planned"))
        val conflict = assertThrows<VersionConflictException> { operations.awaitUpdate(task.copy(title = "Late")) }
        val expected: Nullable = seen(conflict.expected)
        val actual: Nullable = seen(conflict.actual)

        val missing = assertThrows<NoSuchResourceException> { operations.awaitGetById<Task>(unique("nothing")) }
        val version: Nullable = seen(missing.version)
        assertThat(missing.version ?: 0L).isZero()

        assertThat(listOf(cursor, collectionCursor, found, repositoryFound, expected, actual, version))
            .containsOnly(Nullable)
    }

    @Test
    fun `non-null results are non-null for the compiler, not platform types`() = runTest {
        val conflict = VersionConflictException(Task::class.java, "t1", 1L, 2L)
        val missing = NoSuchResourceException(Task::class.java, "t1", null)

        assertThat(staticTypeOf(operations.tableName)).hasToString("kotlin.String")
        assertThat(staticTypeOf(conflict.id)).hasToString("kotlin.String")
        assertThat(staticTypeOf(missing.id)).hasToString("kotlin.String")
        assertThat(staticTypeOf(operations.awaitGetById<Task>(tasks.save(Task(board = "b", title = "t")).id!!)))
            .hasToString("com.example.tasks.Task")
        assertThat(staticTypeOf(missing.version)).hasToString("kotlin.Long?")
        assertThat(seen(operations.tableName)).isEqualTo(NotNull)
    }

}
