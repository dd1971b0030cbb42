package dev.singletable.test.autoconfigure.example;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A versioned entity with an index on its author.
 *
 * @param id the id
 * @param version the version
 * @param updatedAt the modification time
 * @param author the author, partition key of {@code gsi1}
 * @param text the text
 */
@SingleTableEntity(versioned = true)
@IndexKey(index = "gsi1", partition = "author#{author}")
public record Note(@Id String id, @Version Long version, @LastModifiedDate Instant updatedAt, String author,
		String text) {

	/**
	 * Creates a note for the template to assign an id.
	 * @param author the author
	 * @param text the text
	 * @return the new note
	 */
	public static Note of(String author, String text) {
		return new Note(null, null, null, author, text);
	}

}
