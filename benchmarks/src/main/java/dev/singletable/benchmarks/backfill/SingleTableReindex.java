package dev.singletable.benchmarks.backfill;

import java.time.Duration;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.evolution.BackfillOptions;
import dev.singletable.evolution.BackfillResult;
import dev.singletable.evolution.BackfillSource;
import dev.singletable.evolution.SingleTableBackfills;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * singletable's backfill: {@link SingleTableBackfills#reindex(Class, BackfillOptions)} of {@link Ticket} with 4
 * segments of a table scan on 4 threads, on a template as an application builds it; no progress lines, no capacity
 * limit.
 */
public final class SingleTableReindex implements Reindexer {

	private final SingleTableBackfills backfills;

	private final BackfillOptions options = BackfillOptions.defaults()
		.withSegments(FloorReindex.SEGMENTS)
		.withThreads(FloorReindex.SEGMENTS)
		.withSource(BackfillSource.TABLE_SCAN)
		.withProgressInterval(Duration.ZERO);

	/**
	 * Creates the contender on a table.
	 * @param client the client
	 * @param table the table
	 */
	public SingleTableReindex(DynamoDbClient client, String table) {
		this.backfills = new SingleTableBackfills(new SingleTableTemplate(client, table));
	}

	@Override
	public Reindexed reindex() {
		BackfillResult result = this.backfills.reindex(Ticket.class, this.options);
		return new Reindexed(result.runId(), result.itemsRead(), result.itemsWritten());
	}

}
