package dev.singletable.core.query;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * One page of query results with the cursor that continues after it and what reading it cost.
 *
 * @param items the results, in index order
 * @param nextCursor the opaque cursor for the next page (for a page read with
 * {@link SingleTableQuery#pageBefore(String)}, the one before it), or {@literal null} when no more results follow
 * @param requests the number of {@code Query} requests made for this page
 * @param scannedCount the number of items DynamoDB read for this page, before filters
 * @param consumedCapacity the read capacity units consumed for this page
 * @param cursors for each item, the cursor positioned at it: {@link SingleTableQuery#page(String)} continues right
 * after the item and {@link SingleTableQuery#pageBefore(String)} right before it; one per item, in item order
 * @param <T> the result type
 */
public record QueryPage<T>(List<T> items, @Nullable String nextCursor, int requests, int scannedCount,
		double consumedCapacity, List<String> cursors) {

	/**
	 * Creates a page; the item list is copied.
	 */
	public QueryPage {
		items = List.copyOf(items);
		Assert.isTrue(cursors.size() == items.size(), "There must be one cursor per item");
	}

	/**
	 * Whether another page follows. A page that ends exactly at the last result says so; only a page that
	 * stopped at {@link SingleTableQuery#maxRequests(int) maxRequests} may be followed by an empty one.
	 * @return {@literal true} when {@link #nextCursor()} is set
	 */
	public boolean hasNext() {
		return this.nextCursor != null;
	}

}
