package dev.singletable.autoconfigure.reactivetx;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import reactor.core.publisher.Mono;

/**
 * Moves books with the reactive repository under the blocking manager, named by {@code @Transactional}: what a blocking
 * transaction must never silently wrap.
 */
@Service
public class Shelves {

	private final BookRepository books;

	public Shelves(BookRepository books) {
		this.books = books;
	}

	@Transactional("singleTableTransactionManager")
	public Mono<Book> moveThenFail(Book book) {
		return this.books.save(book.withShelf("S2")).then(Mono.error(new IllegalStateException("the shelf is full")));
	}

}
