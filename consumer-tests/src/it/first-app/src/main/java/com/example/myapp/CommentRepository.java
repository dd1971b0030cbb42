package com.example.myapp;

import java.util.List;

import dev.singletable.repository.SingleTableRepository;

public interface CommentRepository extends SingleTableRepository<Comment> {

	List<Comment> findByNoteId(String noteId);

}
