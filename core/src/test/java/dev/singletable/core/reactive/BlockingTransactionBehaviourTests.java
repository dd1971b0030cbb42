package dev.singletable.core.reactive;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@link TransactionBehaviourSuite} on the blocking {@link SingleTableTemplate}, on a client whose requests are
 * counted, with the suite's forced writes.
 */
class BlockingTransactionBehaviourTests extends TransactionBehaviourSuite {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private static DynamoDbClient client;

	private TransactionOps ops;

	@BeforeAll
	static void startClient() {
		client = DynamoDbLocal.newClient(dynamo.requests(), before);
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	@BeforeEach
	void setUp() {
		this.ops = TransactionOps.blocking(new SingleTableTemplate(client, dynamo.tableName()),
				new SingleTableTemplate(client, dynamo.tableName()), dynamo.requests());
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
