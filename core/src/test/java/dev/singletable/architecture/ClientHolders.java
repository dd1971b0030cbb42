package dev.singletable.architecture;

import java.util.Map;
import java.util.TreeMap;

/**
 * The classes of {@code core} outside the drivers ({@link ClientRules#DRIVER_PACKAGES}) that reference an SDK client
 * today, each with its reason, for {@link ClientRules#clientsOnlyInDrivers}. {@link #ENTRY_POINTS} stay: they take
 * the user's client. {@link #KNOWN_CLIENT_HOLDERS} go as the write engine's drivers take their requests over; the
 * rule fails when one of them references no client any more, so this list only shrinks.
 */
final class ClientHolders {

	/**
	 * Public API types that receive the user's client (a constructor, factory or setter taking it) and hand it on;
	 * they may name it but not call it (those that still call it are also known client holders until they stop).
	 */
	static final Map<String, String> ENTRY_POINTS = of(
			"dev.singletable.core.SingleTableDatabaseFactory",
			"create(DynamoDbClient, tableName): the user's client and table, which templates are built on",
			"dev.singletable.core.SingleTableTemplate",
			"constructors taking the user's DynamoDbClient and table name",
			"dev.singletable.core.SingleTableAccessor",
			"the template's configuration: getClient() answers the client the template was given",
			"dev.singletable.core.reactive.ReactiveSingleTableDatabaseFactory",
			"create(DynamoDbAsyncClient, tableName): the user's async client and table",
			"dev.singletable.core.reactive.ReactiveSingleTableTemplate",
			"constructors taking the user's DynamoDbAsyncClient and table name",
			"dev.singletable.core.AuditLogQueries", "constructors taking the user's DynamoDbClient and table name",
			"dev.singletable.core.reactive.ReactiveAuditLogQueries",
			"constructors taking the user's DynamoDbAsyncClient and table name",
			"dev.singletable.core.blob.BlobStorage", "constructors taking the user's S3Client and bucket",
			"dev.singletable.core.blob.ReactiveBlobStorage", "constructors taking the user's S3AsyncClient and bucket",
			"dev.singletable.core.schema.SingleTableSchema",
			"create, createIfMissing, createMissingIndexes, findProblems and validate take the user's DynamoDbClient");

	/** Classes that reference a client today and will not once drivers send their requests. */
	static final Map<String, String> KNOWN_CLIENT_HOLDERS = of(
			// entry points that also send their requests themselves
			"dev.singletable.core.AuditLogQueries", "sends the audit log's Query requests itself",
			"dev.singletable.core.reactive.ReactiveAuditLogQueries", "sends the audit log's Query requests itself",
			"dev.singletable.core.blob.BlobStorage", "puts, copies, heads and deletes S3 objects itself",
			"dev.singletable.core.blob.ReactiveBlobStorage", "sends every S3 request of reactive blobs itself",
			"dev.singletable.core.schema.SingleTableSchema",
			"describes, creates and updates the table and waits for indexes itself",
			// blobs
			"dev.singletable.core.blob.BlobKeys", "lists and deletes S3 keys in batches (ListObjectsV2, DeleteObjects)",
			"dev.singletable.core.blob.BlobReader", "gets S3 objects (GetObject)",
			// the blocking read path
			"dev.singletable.core.internal.query.MergedPartitions", "queries several partitions of one index",
			"dev.singletable.core.internal.query.StoredCursorSecret", "creates the table's cursor secret item (PutItem)",
			// the reactive template
			"dev.singletable.core.reactive.ReactiveQueries", "builds the reactive queries around the async client",
			"dev.singletable.core.internal.reactive.ReactiveBatchReader", "sends BatchGetItem on the async client",
			"dev.singletable.core.internal.query.ReactiveQueryExecutor", "sends Query requests on the async client",
			"dev.singletable.core.internal.query.ReactiveCursorSecrets",
			"creates the table's cursor secret item on the async client",
			// stored definitions and evolution
			"dev.singletable.evolution.internal.drift.DefinitionRecords", "reads and writes the stored definitions' records",
			"dev.singletable.evolution.internal.migration.MigrationRecords", "writes the migration records and the fleet lease",
			"dev.singletable.evolution.internal.backfill.RunLedger", "writes and reads a backfill run's header and segments",
			"dev.singletable.evolution.internal.backfill.RunRequests", "sends a backfill run's capacity-limited reads",
			"dev.singletable.evolution.internal.backfill.TableScanSource", "scans the table in segments (Scan)",
			"dev.singletable.evolution.internal.backfill.TypeIndexSource", "queries the type index in ranges (Query)",
			"dev.singletable.evolution.internal.rewrite.InPlaceRewriter",
			"rewrites a resource's items in one transaction (TransactWriteItems)",
			"dev.singletable.evolution.internal.rewrite.Mover",
			"copies a resource's items under the new prefix and deletes the old ones",
			"dev.singletable.evolution.internal.rewrite.Reindexer", "updates a latest item's index attributes",
			"dev.singletable.evolution.internal.rewrite.StoredResource",
			"reads a resource's stored items and puts rebuilt ones");

	private ClientHolders() {
	}

	private static Map<String, String> of(String... namesAndReasons) {
		Map<String, String> reasons = new TreeMap<>();
		for (int i = 0; i < namesAndReasons.length; i += 2) {
			if (reasons.put(namesAndReasons[i], namesAndReasons[i + 1]) != null) {
				throw new IllegalArgumentException(namesAndReasons[i] + " is listed twice");
			}
		}
		return reasons;
	}

}
