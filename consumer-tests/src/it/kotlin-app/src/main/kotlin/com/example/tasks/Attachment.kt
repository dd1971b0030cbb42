package com.example.tasks

import dev.singletable.core.mapping.IndexKey
import dev.singletable.core.mapping.SingleTableEntity
import org.springframework.data.annotation.Id
import org.springframework.data.annotation.TypeAlias
import org.springframework.data.annotation.Version

@SingleTableEntity                                      // one entity: every subtype under Attachment#<id>
@IndexKey(index = "gsi1", partition = "board#{board}")  // beside the board's tasks
sealed interface Attachment {
    val id: String?
    val version: Long?
    val board: String
    val taskId: String
}

@TypeAlias("link")                                      // stored with "type": "link"
data class Link(
    @Id override val id: String? = null,
    @Version override val version: Long? = null,
    override val board: String,
    override val taskId: String,
    val url: String,
) : Attachment

@TypeAlias("note")
data class Note(
    @Id override val id: String? = null,
    @Version override val version: Long? = null,
    override val board: String,
    override val taskId: String,
    val text: String,
    val pinned: Boolean = false,
) : Attachment
