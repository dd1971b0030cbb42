package dev.singletable.benchmarks.startup.dev.failing;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A versioned note with an index by author.
 *
 * @param id the id
 * @param version the version
 * @param author the author
 * @param title the title
 */
@SingleTableEntity(versioned = true)
@IndexKey(index = "gsi1", partition = "author#{author}")
public record Note(@Id String id, @Version Long version, String author, String title) {

}
