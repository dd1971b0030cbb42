package dev.singletable.core.internal.execution;

import java.util.concurrent.CompletableFuture;

import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
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
 * Sends a plan's DynamoDB request on the client it is given, blocking or async: the one place a request value
 * becomes a client call, for both drivers.
 */
final class DynamoDbRequests {

	private DynamoDbRequests() {
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
		if (request instanceof GetItemRequest get) {
			return client.getItem(get);
		}
		if (request instanceof QueryRequest query) {
			return client.query(query);
		}
		if (request instanceof PutItemRequest put) {
			return client.putItem(put);
		}
		if (request instanceof UpdateItemRequest update) {
			return client.updateItem(update);
		}
		if (request instanceof DeleteItemRequest delete) {
			return client.deleteItem(delete);
		}
		if (request instanceof BatchGetItemRequest batchGet) {
			return client.batchGetItem(batchGet);
		}
		if (request instanceof BatchWriteItemRequest batchWrite) {
			return client.batchWriteItem(batchWrite);
		}
		if (request instanceof TransactGetItemsRequest transactGet) {
			return client.transactGetItems(transactGet);
		}
		if (request instanceof TransactWriteItemsRequest transactWrite) {
			return client.transactWriteItems(transactWrite);
		}
		if (request instanceof ScanRequest scan) {
			return client.scan(scan);
		}
		throw unsupported(request);
	}

	/**
	 * Sends a request on the async client.
	 */
	static CompletableFuture<? extends DynamoDbResponse> send(DynamoDbAsyncClient client, DynamoDbRequest request) {
		if (request instanceof GetItemRequest get) {
			return client.getItem(get);
		}
		if (request instanceof QueryRequest query) {
			return client.query(query);
		}
		if (request instanceof PutItemRequest put) {
			return client.putItem(put);
		}
		if (request instanceof UpdateItemRequest update) {
			return client.updateItem(update);
		}
		if (request instanceof DeleteItemRequest delete) {
			return client.deleteItem(delete);
		}
		if (request instanceof BatchGetItemRequest batchGet) {
			return client.batchGetItem(batchGet);
		}
		if (request instanceof BatchWriteItemRequest batchWrite) {
			return client.batchWriteItem(batchWrite);
		}
		if (request instanceof TransactGetItemsRequest transactGet) {
			return client.transactGetItems(transactGet);
		}
		if (request instanceof TransactWriteItemsRequest transactWrite) {
			return client.transactWriteItems(transactWrite);
		}
		if (request instanceof ScanRequest scan) {
			return client.scan(scan);
		}
		throw unsupported(request);
	}

	private static IllegalArgumentException unsupported(DynamoDbRequest request) {
		return new IllegalArgumentException("A plan asked for a request no driver sends: " + name(request));
	}

}
