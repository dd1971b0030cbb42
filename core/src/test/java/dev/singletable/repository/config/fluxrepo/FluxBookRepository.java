package dev.singletable.repository.config.fluxrepo;

import dev.singletable.repository.SingleTableRepository;
import dev.singletable.repository.shelves.Book;
import reactor.core.publisher.Flux;

/** A blocking repository declaring a method that returns a Flux. */
public interface FluxBookRepository extends SingleTableRepository<Book> {

	Flux<Book> findByAuthor(String author);

}
