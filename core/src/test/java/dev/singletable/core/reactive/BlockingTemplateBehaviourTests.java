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
 * {@link TemplateBehaviourSuite} on the blocking {@link SingleTableTemplate}.
 */
class BlockingTemplateBehaviourTests extends TemplateBehaviourSuite {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private static DynamoDbClient client;

	private TemplateOps ops;

	@BeforeAll
	static void startClient() {
		// counted, with faults and held-back batches, as the reactive side's client
		client = DynamoDbLocal.newClient(dynamo.requests(), dynamo.faults(), unprocessed, before);
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	@BeforeEach
	void setUp() {
		this.ops = TemplateOps.blocking(new SingleTableTemplate(client, dynamo.tableName()));
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
