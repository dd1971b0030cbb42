package dev.singletable.repository.shelves;

import java.util.List;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;

import dev.singletable.repository.IndexQuery;
import dev.singletable.repository.SingleTableRepository;

public interface BookRepository extends SingleTableRepository<Book> {

	List<Book> findByAuthor(String author, Sort sort);

	Slice<Book> findByAuthor(String author, Pageable pageable);

	List<Book> findByAuthorOrderByIdDesc(String author);

	List<Book> findByShelf(String shelf, Sort sort);

	@IndexQuery(index = "gsi1")
	List<Book> byAuthorKey(String key, Sort sort);

	@IndexQuery(index = "")
	List<Book> byTableKey(String key, Sort sort);

}
