package dev.singletable.autoconfigure.evolution.after;

import java.util.List;

import dev.singletable.repository.SingleTableRepository;

/**
 * Notes, found by author through the new index.
 */
public interface NoteRepository extends SingleTableRepository<Note> {

	List<Note> findByAuthor(String author);

}
