package com.example.tasks

import dev.singletable.core.mapping.IndexKey
import dev.singletable.core.mapping.SingleTableEntity
import org.springframework.data.annotation.CreatedDate
import org.springframework.data.annotation.Id
import org.springframework.data.annotation.LastModifiedDate
import org.springframework.data.annotation.Version
import java.time.Instant
import java.time.LocalDate

@SingleTableEntity(versioned = true, maxVersions = 10)
@IndexKey(index = "gsi1", partition = "board#{board}")
@IndexKey(index = "gsi3", partition = "assignee#{assignee}", sort = "{due}",
    allowMissingSort = true)                                                     // only tasks with both
data class Task(
    @Id val id: String? = null,                         // a new ULID on create
    @Version val version: Long? = null,
    @CreatedDate val createdAt: Instant? = null,
    @LastModifiedDate val updatedAt: Instant? = null,
    val board: String,
    val title: String,
    val assignee: String? = null,                       // null: not in gsi3
    val due: LocalDate? = null,
    val status: Status = Status.OPEN,
    val labels: List<String> = emptyList(),             // added later: items stored before it read as empty
)

enum class Status { OPEN, DONE }
