package dev.singletable.core.internal.execution;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;


import dev.singletable.core.SingleTableExceptionTranslator;
import dev.singletable.internal.plan.Request;
import dev.singletable.core.observation.SingleTableObservationContext;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Sends requests to the table on the SDK's {@link DynamoDbAsyncClient}, as {@link DynamoDbExecutor} does on the
 * blocking client: each request is a {@link Mono} sent when subscribed, every SDK exception is translated by the
 * same {@link SingleTableExceptionTranslator}. The {@link ReactiveDriver} sends the plans' requests through it; the
 * reactive template and its helpers never handle the async client or the translation themselves. It holds the template's
 * {@link ReactiveObservations}: with metrics, requests ask for their consumed capacity and each answer is reported
 * ({@link RequestReports}) for the operation of the Reactor context it is sent in, and {@link #retried} counts each
 * retry.
 */
public final class ReactiveDynamoDbExecutor
		extends AbstractDynamoDbExecutor<DynamoDbAsyncClient, ReactiveObservations> {

	public ReactiveDynamoDbExecutor(DynamoDbAsyncClient client, String tableName) {
		super(client, tableName, new ReactiveObservations(tableName));
	}

	/**
	 * Counts a retry of a request when subscribed, for the operation of the Reactor context, as
	 * {@link DynamoDbExecutor#retried} does, before the driver's backoff ({@link Request.Backoff#pause()}).
	 * @param reason why the request is sent again
	 * @return completes once counted
	 */
	Mono<Void> retried(String reason) {
		return Mono.deferContextual((view) -> {
			this.observations.retried(this.observations.current(view), reason);
			return Mono.empty();
		});
	}

	/**
	 * Sends a plan's DynamoDB request when subscribed, its failure signalled as the request's kind says
	 * ({@link RequestFailures#of}).
	 * @return the answer
	 */
	public Mono<DynamoDbResponse> send(Request.DynamoDb request) {
		return send(request.request(), (sent) -> DynamoDbRequests.send(this.client, sent))
			.onErrorMap(RuntimeException.class, (ex) -> RequestFailures.of(request, ex, exceptionTranslator()));
	}

	/**
	 * Sends items as one {@code TransactWriteItems} once, with their client request token, when subscribed, as
	 * {@link DynamoDbExecutor} does on the blocking client: a cancelled transaction reaches the caller as DynamoDB
	 * reports it, a lost answer as a {@code CommitOutcomeUnknownException} naming the token. Sending it again is the
	 * plan's ({@code TransientRetry}).
	 * @param transact the items and their token
	 */
	public Mono<Void> transactWriteItems(Request.Transact transact) {
		TransactWriteItemsRequest request = DynamoDbRequests.transactWriteItems(transact);
		return send(request, this.client::transactWriteItems)
			.onErrorMap(RuntimeException.class, (ex) -> transactFailure(ex, request))
			.then();
	}

	/**
	 * Sends one request on the async client when subscribed; with metrics, asking for its consumed capacity, and
	 * reporting its answer or failure for the operation of the Reactor context.
	 */
	@SuppressWarnings("unchecked")
	private <Q extends DynamoDbRequest, R> Mono<R> send(Q request, Function<Q, CompletableFuture<R>> call) {
		return Mono.deferContextual((view) -> {
			RequestReports reports = this.observations.reports();
			Q sent = (reports != null) ? (Q) RequestReports.withCapacity(request) : request;
			// Mono.fromFuture signals the failure the client's future completed with, out of its CompletionException
			Mono<R> answer = Mono.fromFuture(() -> call.apply(sent));
			if (reports == null) {
				return answer;
			}
			SingleTableObservationContext operation = this.observations.current(view);
			return answer.doOnNext((response) -> reports.answered(response, operation))
				.doOnError((ex) -> reports.failed(ex, operation));
		});
	}

}
