package dev.singletable.autoconfigure.web.library;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Window;

import dev.singletable.repository.reactive.ReactiveSingleTableRepository;
import reactor.core.publisher.Mono;

/**
 * The books, read by shelf as a slice, a page or a window.
 */
public interface ReactiveBookRepository extends ReactiveSingleTableRepository<Book> {

	Mono<Slice<Book>> findByShelf(String shelf, Pageable pageable);

	Mono<Page<Book>> findPageByShelf(String shelf, Pageable pageable);

	Mono<Window<Book>> findWindowByShelf(String shelf, ScrollPosition position, Limit limit);

}
