package dev.singletable.core.reactive;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.test.DynamoDbLocalExtension;

/**
 * {@link TransactionBehaviourSuite} on the blocking {@link SingleTableTemplate}.
 */
class BlockingTransactionBehaviourTests extends TransactionBehaviourSuite {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private TransactionOps ops;

	@BeforeEach
	void setUp() {
		this.ops = TransactionOps.blocking(new SingleTableTemplate(dynamo.client(), dynamo.tableName()),
				new SingleTableTemplate(dynamo.client(), dynamo.tableName()), dynamo.requests());
	}

	@Override
	TransactionOps ops() {
		return this.ops;
	}

	@Override
	DynamoDbLocalExtension dynamo() {
		return dynamo;
	}

	@Override
	boolean readsVersionsAgainAtTheCommit() {
		return true;
	}

}
