package dev.singletable.autoconfigure.reactivetx;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A versioned book on a shelf.
 * @param id the id
 * @param version the version
 * @param shelf the shelf
 */
@SingleTableEntity(versioned = true)
public record Book(@Id String id, @Version Long version, String shelf) {

	/**
	 * Returns the book moved to another shelf.
	 * @param shelf the shelf
	 * @return the moved book
	 */
	public Book withShelf(String shelf) {
		return new Book(this.id, this.version, shelf);
	}

}
