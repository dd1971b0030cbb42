/**
 * Sending requests: {@code DynamoDbExecutor} (the client and the one exception choke point, with {@code
 * SingleTableExceptionTranslator}; with metrics, each request asks for
 * its consumed capacity), {@code RequestReports} (what a request reports to the metrics), {@code Observations} (the one place operations are
 * observed, and the rules of an observation), {@code ReactiveDynamoDbExecutor} and {@code ReactiveObservations} (the
 * same on the async client, the operation carried in the Reactor context), {@code ParallelRequests} (the one place requests run
 * concurrently). Both drivers send a plan's requests through the same tables: {@code DynamoDbRequests}
 * (the client call of each DynamoDB request, either client's), {@code BlobStorageRequests} and {@code
 * ReactiveBlobStorageRequests} (the call of each blob storage for each {@code BlobRequest}, apart so that the blocking
 * side links no Reactor class), and {@code RequestFailures} (what a request's failure becomes, by its kind).
 * <p>
 * Internal: public only for the other layers of singletable; not API, may change in any release. Applications use
 * {@code dev.singletable.core} and its API packages.
 */
@NullMarked
package dev.singletable.core.internal.execution;

import org.jspecify.annotations.NullMarked;
