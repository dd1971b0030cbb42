package dev.singletable.repository.kotlin.tasks

import dev.singletable.core.mapping.IndexKey
import dev.singletable.core.mapping.SingleTableEntity
import org.springframework.data.annotation.Id
import org.springframework.data.annotation.LastModifiedDate
import java.time.Instant

/** A plain (not versioned) Kotlin entity with a nullable property. */
@SingleTableEntity
@IndexKey(index = "gsi2", partition = "topic#{topic}")
data class Note(
    @Id val id: String?,
    @LastModifiedDate val updatedAt: Instant?,
    val topic: String,
    val text: String,
    val remark: String?,
)
