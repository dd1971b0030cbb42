package dev.singletable.core.reactive;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * {@link TemplateBehaviourSuite} on the {@link ReactiveSingleTableTemplate}, on the SDK's Netty async client.
 */
class ReactiveTemplateBehaviourTests extends TemplateBehaviourSuite {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private static DynamoDbAsyncClient client;

	private TemplateOps ops;

	@BeforeAll
	static void startClient() {
		// counted, with faults and held-back batches, as the blocking side's client
		client = DynamoDbLocal.newAsyncClient(dynamo.requests(), dynamo.faults(), unprocessed, before);
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	@BeforeEach
	void setUp() {
		this.ops = TemplateOps.reactive(new ReactiveSingleTableTemplate(client, dynamo.tableName()));
	}

	@Override
	TemplateOps ops() {
		return this.ops;
	}

	@Override
	DynamoDbLocalExtension dynamo() {
		return dynamo;
	}

}
