package dev.singletable.repository.kotlin.tasks

import dev.singletable.core.mapping.IndexKey
import dev.singletable.core.mapping.SingleTableEntity
import org.springframework.data.annotation.Id
import org.springframework.data.annotation.Version
import java.time.LocalDate

/** A versioned Kotlin entity whose indexes cover the derived methods of [CoroutineTasks]. */
@SingleTableEntity(versioned = true, maxVersions = 5)
@IndexKey(index = "gsi1", partition = "status#{status}")
@IndexKey(index = "gsi3", partition = "assignee#{assignee}", sort = "{due}")
data class Task(
    @Id val id: String?,
    @Version val version: Long?,
    val title: String,
    val assignee: String,
    val status: String,
    val due: LocalDate,
) {
    companion object {
        fun of(title: String, assignee: String, status: String, due: LocalDate): Task =
            Task(null, null, title, assignee, status, due)
    }
}

/** A closed projection of [Task]. */
interface TaskTitle {
    val title: String
}
