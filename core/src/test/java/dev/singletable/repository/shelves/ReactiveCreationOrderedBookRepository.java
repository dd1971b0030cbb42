package dev.singletable.repository.shelves;

import dev.singletable.repository.reactive.ReactiveSingleTableRepository;
import reactor.core.publisher.Flux;

/** Asks {@code gsi1}, which returns books in id order, for the creation order: refused. */
public interface ReactiveCreationOrderedBookRepository extends ReactiveSingleTableRepository<Book> {

	Flux<Book> findByAuthorOrderByCreatedAtDesc(String author);

}
