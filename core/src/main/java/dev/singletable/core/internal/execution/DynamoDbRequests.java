package dev.singletable.core.internal.execution;

import java.util.concurrent.CompletableFuture;

import dev.singletable.internal.direct.ClientCall;
import dev.singletable.internal.direct.RequestTable;
import dev.singletable.internal.plan.Request;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Sends a plan's DynamoDB request on the client it is given, blocking or async: the one table of the requests a plan
 * makes, each with the call of either client that sends it, so that a request value becomes a client call in one
 * place for both drivers.
 */
final class DynamoDbRequests {

	/** The call of each client for each request a plan makes, by the request's class. */
	private static final RequestTable<ClientCall<DynamoDbClient, DynamoDbAsyncClient, ?>> CALLS = new RequestTable<>(
			ClientCall::kind,
			(request) -> new IllegalArgumentException(
					"A plan asked for a request no driver sends: " + name((DynamoDbRequest) request)),
			new ClientCall<>(GetItemRequest.class, DynamoDbClient::getItem, DynamoDbAsyncClient::getItem),
			new ClientCall<>(QueryRequest.class, DynamoDbClient::query, DynamoDbAsyncClient::query),
			new ClientCall<>(PutItemRequest.class, DynamoDbClient::putItem, DynamoDbAsyncClient::putItem),
			new ClientCall<>(UpdateItemRequest.class, DynamoDbClient::updateItem, DynamoDbAsyncClient::updateItem),
			new ClientCall<>(DeleteItemRequest.class, DynamoDbClient::deleteItem, DynamoDbAsyncClient::deleteItem),
			new ClientCall<>(BatchGetItemRequest.class,
					DynamoDbClient::batchGetItem, DynamoDbAsyncClient::batchGetItem),
			new ClientCall<>(BatchWriteItemRequest.class, DynamoDbClient::batchWriteItem,
					DynamoDbAsyncClient::batchWriteItem),
			new ClientCall<>(TransactGetItemsRequest.class, DynamoDbClient::transactGetItems,
					DynamoDbAsyncClient::transactGetItems),
			new ClientCall<>(TransactWriteItemsRequest.class, DynamoDbClient::transactWriteItems,
					DynamoDbAsyncClient::transactWriteItems),
			new ClientCall<>(ScanRequest.class, DynamoDbClient::scan, DynamoDbAsyncClient::scan),
			new ClientCall<>(DescribeTableRequest.class,
					DynamoDbClient::describeTable, DynamoDbAsyncClient::describeTable));

	private DynamoDbRequests() {
	}

	/**
	 * The {@code TransactWriteItems} of a plan's transaction: its items, with its client request token.
	 */
	static TransactWriteItemsRequest transactWriteItems(Request.Transact transact) {
		return TransactWriteItemsRequest.builder()
			.transactItems(transact.items())
			.clientRequestToken(transact.clientRequestToken())
			.build();
	}

	/**
	 * The request's name for messages and metrics, such as {@code PutItem}.
	 */
	static String name(DynamoDbRequest request) {
		String name = request.getClass().getSimpleName();
		return name.endsWith("Request") ? name.substring(0, name.length() - "Request".length()) : name;
	}

	/**
	 * Sends a request on the blocking client.
	 */
	static DynamoDbResponse send(DynamoDbClient client, DynamoDbRequest request) {
		return (DynamoDbResponse) CALLS.entryOf(request).blocking(client, request);
	}

	/**
	 * Sends a request on the async client.
	 */
	@SuppressWarnings("unchecked") // each client call answers a DynamoDbResponse, and the answer is only read
	static CompletableFuture<DynamoDbResponse> send(DynamoDbAsyncClient client, DynamoDbRequest request) {
		return (CompletableFuture<DynamoDbResponse>) CALLS.entryOf(request).async(client, request);
	}

}
