package dev.singletable.core.schema;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * A global secondary index of the single table: its name, its partition key attribute and an optional sort
 * key attribute. All key attributes are strings and every index projects all attributes.
 *
 * @param name the index name, for example {@code gsi1} or {@code gsi-1}
 * @param partitionKey the partition key attribute
 * @param sortKey the sort key attribute, or {@literal null} for a hash-only index
 */
public record TableIndex(String name, String partitionKey, @Nullable String sortKey) {

	/**
	 * Creates a new index definition.
	 */
	public TableIndex {
		Assert.hasText(name, "Index name must not be empty");
		if (!StringUtils.hasText(partitionKey)) {
			// not Assert's supplier: the standard indexes are made at start, where each lambda is a class spun
			throw new IllegalArgumentException("Partition key attribute of index '" + name + "' must not be empty");
		}
	}

}
