package com.example.tasks

import kotlinx.coroutines.flow.Flow
import org.springframework.data.repository.kotlin.CoroutineCrudRepository

interface AttachmentRepository : CoroutineCrudRepository<Attachment, String> {

    fun findByBoard(board: String): Flow<Attachment>                  // links and notes, each as what it is

}
