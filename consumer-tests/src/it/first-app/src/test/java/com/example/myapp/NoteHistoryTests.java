package com.example.myapp;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;

import dev.singletable.test.autoconfigure.DataSingleTableTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@DataSingleTableTest
class NoteHistoryTests {

	@Autowired
	NoteRepository notes;

	@Test
	void everySaveIsANewVersion() {
		Note first = notes.save(new Note(null, null, null, null, "ann", "Hello"));   // version 1, a new ULID id
		Note second = notes.save(first.withText("Hello, world"));                    // version 2

		assertThat(notes.findVersions(first.id())).extracting(Note::version).containsExactly(2L, 1L);
		assertThat(notes.restore(first.id(), 1).text()).isEqualTo("Hello");          // version 3, v1's text
		assertThatExceptionOfType(OptimisticLockingFailureException.class)           // based on version 2: stale
			.isThrownBy(() -> notes.save(second.withText("Too late")));
		assertThat(notes.findById(first.id()).orElseThrow().version()).isEqualTo(3L);
	}

}
