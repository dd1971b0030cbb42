package dev.singletable.console.showcase;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * The Java twin of the Python model {@code CrossDoc} of core's cross-language driver: versioned, compressed, gsi1
 * by owner. The Python library writes these items; the console reads them.
 */
@SingleTableEntity(prefix = "CrossDoc", versioned = true)
@IndexKey(index = "gsi1", partition = "owner#{owner}")
public record CrossDoc(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
		@LastModifiedDate Instant updatedAt, String title, String body, String owner, String rank, long count,
		List<String> tags) {

}
