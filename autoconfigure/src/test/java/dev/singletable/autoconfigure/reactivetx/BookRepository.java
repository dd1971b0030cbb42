package dev.singletable.autoconfigure.reactivetx;

import dev.singletable.repository.reactive.ReactiveVersionedRepository;

/**
 * The reactive repository of books.
 */
public interface BookRepository extends ReactiveVersionedRepository<Book> {

}
