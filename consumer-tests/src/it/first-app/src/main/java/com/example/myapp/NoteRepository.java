package com.example.myapp;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;

import dev.singletable.repository.VersionedRepository;

public interface NoteRepository extends VersionedRepository<Note> {

	Slice<Note> findByOwner(String owner, Pageable pageable);

}
