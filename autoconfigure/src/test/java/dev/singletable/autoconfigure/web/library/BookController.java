package dev.singletable.autoconfigure.web.library;

import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.singletable.repository.Cursors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A WebFlux controller taking Spring Data's {@link Pageable} and {@link Sort} arguments and a cursor, as an
 * application writes it.
 */
@RestController
@RequestMapping("/books")
public class BookController {

	private final ReactiveBookRepository books;

	public BookController(ReactiveBookRepository books) {
		this.books = books;
	}

	@GetMapping
	Mono<Slice<Book>> shelf(@RequestParam String shelf, Pageable pageable) {
		return this.books.findByShelf(shelf, pageable);
	}

	@GetMapping("/pages")
	Mono<Page<Book>> pages(@RequestParam String shelf, Pageable pageable) {
		return this.books.findPageByShelf(shelf, pageable);
	}

	@GetMapping("/all")
	Flux<Book> all(Sort sort) {
		return this.books.findAll(sort);
	}

	@GetMapping("/window")
	Mono<Window<Book>> window(@RequestParam String shelf, @RequestParam(required = false) @Nullable String cursor,
			@RequestParam(defaultValue = "2") int size) {
		return this.books.findWindowByShelf(shelf, Cursors.position(cursor), Limit.of(size));
	}

}
