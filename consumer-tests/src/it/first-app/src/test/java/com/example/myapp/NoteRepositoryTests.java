package com.example.myapp;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;

import dev.singletable.test.autoconfigure.DataSingleTableTest;

import static org.assertj.core.api.Assertions.assertThat;

@DataSingleTableTest
class NoteRepositoryTests {

	@Autowired
	NoteRepository notes;

	@Test
	void findsNotesByOwner() {
		Note saved = notes.save(new Note(null, null, null, null, "ann", "Hello"));
		assertThat(notes.findByOwner("ann", PageRequest.of(0, 20)).getContent()).contains(saved);
	}

}
