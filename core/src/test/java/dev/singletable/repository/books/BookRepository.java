package dev.singletable.repository.books;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;

import dev.singletable.repository.IndexQuery;
import dev.singletable.repository.VersionedRepository;

public interface BookRepository extends VersionedRepository<Book> {

	List<BookViews.WithAuthor> findWithAuthorByShelf(String shelf);

	List<BookViews.WithDefault> findWithDefaultByShelf(String shelf);

	List<BookViews.OpenAuthor> findOpenByShelf(String shelf);

	List<BookViews.Strings> findStringsByShelf(String shelf);

	List<BookViews.Bean> findBeansByShelf(String shelf);

	Set<BookViews.Versioned> findVersionedByShelf(String shelf);

	Iterable<BookViews.WithDefault> findIterableByShelf(String shelf);

	Collection<BookViews.Strings> findCollectionByShelf(String shelf);

	Optional<BookViews.Versioned> findVersionedById(String id);

	Stream<BookViews.WithAuthor> streamByShelf(String shelf);

	Page<BookViews.WithAuthor> findPageByShelf(String shelf, Pageable pageable);

	Slice<BookViews.Strings> findSliceByShelf(String shelf, Pageable pageable);

	Window<BookViews.WithAuthor> findWindowByShelf(String shelf, ScrollPosition position, Limit limit);

	<T> List<T> findByShelf(String shelf, Class<T> type);

	<T> List<T> findByShelfIn(Collection<String> shelves, Class<T> type);

	List<BookViews.Versioned> findTop2ByShelfIn(Set<String> shelves, Sort sort);

	List<Book> findByShelfIn(String[] shelves);

	@IndexQuery(index = "gsi1")
	List<BookViews.WithAuthor> declared(String shelfKey);

	List<Book> findByShelf(String shelf, Limit limit);

	List<Book> findTop2ByGenreInOrderByUpdatedAtDesc(Set<Book.Genre> genres);

	List<Book> findByGenreIn(Book.Genre... genres);

	Optional<BookViews.WithDefault> findFirstByGenreOrderByUpdatedAtDesc(Book.Genre genre);

	Page<Book> findTop3ByGenre(Book.Genre genre, Pageable pageable);

	Page<BookViews.WithAuthor> findByBorrowerIsNotNull(Pageable pageable);

	List<Book> findByGenre(Book.Genre genre, Limit limit, Sort sort);

}
