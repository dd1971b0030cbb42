package dev.singletable.core.mapping;

import org.springframework.util.Assert;

/**
 * A partition and sort key value written together, returned by a {@link ComputedIndexKey} method. Return
 * {@literal null} instead to write neither.
 *
 * @param partition the partition key value
 * @param sort the sort key value
 */
public record IndexKeyPair(String partition, String sort) {

	/**
	 * Creates a key pair; both values must not be empty.
	 */
	public IndexKeyPair {
		Assert.hasText(partition, "Partition key value must not be empty");
		Assert.hasText(sort, "Sort key value must not be empty");
	}

}
