package dev.singletable.core.reactive;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.RequestCounter;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * {@link TransactionBehaviourSuite} on the {@link ReactiveSingleTableTemplate}, on the SDK's Netty async client
 * (whose requests are counted, with the suite's forced writes).
 */
class ReactiveTransactionBehaviourTests extends TransactionBehaviourSuite {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private static final RequestCounter requests = new RequestCounter();

	private static DynamoDbAsyncClient client;

	private TransactionOps ops;

	@BeforeAll
	static void startClient() {
		client = DynamoDbLocal.newAsyncClient(requests, before);
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	@BeforeEach
	void setUp() {
		this.ops = TransactionOps.reactive(new ReactiveSingleTableTemplate(client, dynamo.tableName()),
				new ReactiveSingleTableTemplate(client, dynamo.tableName()), requests);
	}

	@Override
	TransactionOps ops() {
		return this.ops;
	}

	@Override
	DynamoDbLocalExtension dynamo() {
		return dynamo;
	}

}
