package dev.singletable.repository.shelves;

import org.springframework.data.domain.Sort;

import dev.singletable.repository.reactive.ReactiveSingleTableRepository;
import reactor.core.publisher.Flux;

public interface ReactiveBookRepository extends ReactiveSingleTableRepository<Book> {

	Flux<Book> findByAuthor(String author, Sort sort);

	Flux<Book> findByShelf(String shelf, Sort sort);

}
