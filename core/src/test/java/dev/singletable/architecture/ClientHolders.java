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
			"dev.singletable.events.SingleTableChangeStream",
			"its constructor takes the client of the KCL's lease table, which it hands to the KCL's driver",
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
			"dev.singletable.core.reactive.ReactiveSingleTableAccessor",
			"the template's configuration: getClient() answers the async client the template was given",
			"dev.singletable.core.AuditLogQueries", "constructors taking the user's DynamoDbClient and table name",
			"dev.singletable.core.reactive.ReactiveAuditLogQueries",
			"constructors taking the user's DynamoDbAsyncClient and table name",
			"dev.singletable.core.blob.BlobStorage", "constructors taking the user's S3Client and bucket",
			"dev.singletable.core.blob.ReactiveBlobStorage", "constructors taking the user's S3AsyncClient and bucket",
			"dev.singletable.core.schema.SingleTableSchema",
			"create, createIfMissing, createMissingIndexes, findProblems and validate take the user's DynamoDbClient");

	/**
	 * Classes that reference a client today and will not once drivers send their requests: none left, every request of
	 * core and evolution is sent by a driver. The rule keeps the list so that a class can only leave it.
	 */
	static final Map<String, String> KNOWN_CLIENT_HOLDERS = of();

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
