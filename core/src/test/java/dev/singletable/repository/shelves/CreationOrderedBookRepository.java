package dev.singletable.repository.shelves;

import java.util.List;

import dev.singletable.repository.SingleTableRepository;

/** Asks {@code gsi1}, which returns books in id order, for the creation order: refused. */
public interface CreationOrderedBookRepository extends SingleTableRepository<Book> {

	List<Book> findByAuthorOrderByCreatedAtAsc(String author);

}
