package dev.singletable.core.query;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of query results with the cursor that continues after it and what reading it cost.
 *
 * @param items the results, in index order
 * @param nextCursor the opaque cursor for the next page, or {@literal null} when there are no more results
 * @param requests the number of {@code Query} requests made for this page
 * @param scannedCount the number of items DynamoDB read for this page, before filters
 * @param consumedCapacity the read capacity units consumed for this page
 * @param <T> the result type
 */
public record QueryPage<T>(List<T> items, @Nullable String nextCursor, int requests, int scannedCount,
		double consumedCapacity) {

	/**
	 * Creates a page; the item list is copied.
	 */
	public QueryPage {
		items = List.copyOf(items);
	}

	/**
	 * Whether another page may follow.
	 * @return {@literal true} when {@link #nextCursor()} is set
	 */
	public boolean hasNext() {
		return this.nextCursor != null;
	}

}
