/**
 * The single-table template and its operations, errors and configuration.
 * <p>
 * The public API of this package is {@link dev.singletable.core.SingleTableOperations} and its
 * {@link dev.singletable.core.SingleTableTemplate}, {@link dev.singletable.core.SingleTableTransaction},
 * {@link dev.singletable.core.SingleTableReadTransaction} and {@link dev.singletable.core.SingleTableSnapshot},
 * {@link dev.singletable.core.Changes}, the {@link dev.singletable.core.SingleTableDatabaseFactory} templates are
 * built on, the Spring transaction manager and the typed exceptions. Under it, package
 * private so that none of it becomes API, are the layers the template orchestrates (see
 * {@code docs/ARCHITECTURE.md}):
 * <ul>
 * <li>the write model: each write as a value ({@code WriteUnit}) made by one class per write operation
 * ({@code CreateOperation}, {@code VersionedUpdateOperation}, {@code RestoreVersionOperation},
 * {@code PlainUpdateOperation}, {@code UpsertOperation}, {@code PutAllOperation}, {@code DeleteOperation},
 * {@code DeleteByIdOperation}, {@code DeleteVersionOperation}, {@code ConditionCheckOperation}, picked by
 * {@code EntityWrites}; {@code AtomicUpdates}) from the shared pieces of {@code WriteSupport}, stages added to
 * units by {@code AuditRecords} (audit rows) and {@code BlobStage} (objects in S3), stored items built by
 * {@code ItemLayout}, ids, versions and timestamps stamped by {@code Stamps}, the pruning rule in
 * {@code VersionRetention}, failed conditions mapped in {@code ConditionFailures}, units sent by {@code UnitWriter}
 * alone or collected, from every template of one
 * database factory, by {@code CollectedWrites};</li>
 * <li>the query model: {@code QuerySpec} (immutable, one partition or several) run by {@code QueryExecutor}, which
 * hands several partitions to {@code MergedPartitions}; what both share in {@code QueryReads}, every cursor rule in
 * {@code CursorCodec};</li>
 * <li>sending: {@code DynamoDbExecutor} (the client, exception translation, the one {@code LastEvaluatedKey} loop),
 * {@code TransactionWriter}, {@code TransactionReader}, {@code BatchWriter}, {@code BatchReader},
 * {@code ParallelRequests}.</li>
 * </ul>
 * Mapping, conversion, schema, the public query types, audit log, blobs and observation have packages of their own.
 */
@NullMarked
package dev.singletable.core;

import org.jspecify.annotations.NullMarked;
