package dev.singletable.test.autoconfigure.example;

import java.util.List;

import dev.singletable.repository.VersionedRepository;

/**
 * Notes by author.
 */
public interface NoteRepository extends VersionedRepository<Note> {

	/**
	 * Finds the notes of an author.
	 * @param author the author
	 * @return the notes
	 */
	List<Note> findByAuthor(String author);

}
