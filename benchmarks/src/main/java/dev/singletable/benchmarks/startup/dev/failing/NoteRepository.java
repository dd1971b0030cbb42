package dev.singletable.benchmarks.startup.dev.failing;

import java.util.List;

import dev.singletable.repository.VersionedRepository;

/**
 * A repository with one derivable method and one that no index can serve ({@code Like} is no key condition).
 */
public interface NoteRepository extends VersionedRepository<Note> {

	/**
	 * Reads the notes of an author.
	 * @param author the author
	 * @return the notes
	 */
	List<Note> findByAuthor(String author);

	/**
	 * Cannot be derived: fails the start.
	 * @param pattern a pattern
	 * @return never
	 */
	List<Note> findByTitleLike(String pattern);

}
