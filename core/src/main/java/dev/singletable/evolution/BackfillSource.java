package dev.singletable.evolution;

/**
 * Where a backfill reads the items it rewrites.
 */
public enum BackfillSource {

	/**
	 * The type index ({@code gsitype}): reads only the type's latest items, split into segments by ranges of the
	 * index's sort key taken when the run starts. Cheapest for a small type in a large table.
	 */
	TYPE_INDEX,

	/**
	 * A parallel {@code Scan} of the whole table with DynamoDB's {@code Segment}/{@code TotalSegments}, filtered to
	 * the type's items. Reads every item of the table once; items never move between segments.
	 */
	TABLE_SCAN,

	/**
	 * The operation's own choice: {@link #TYPE_INDEX} for work that is safe to miss on items written after the
	 * start (re-indexing, recompressing, moving, deleting), {@link #TABLE_SCAN} for transforms.
	 */
	AUTO

}
