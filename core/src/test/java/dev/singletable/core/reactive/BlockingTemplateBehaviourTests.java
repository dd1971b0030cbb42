package dev.singletable.core.reactive;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.test.DynamoDbLocalExtension;

/**
 * {@link TemplateBehaviourSuite} on the blocking {@link SingleTableTemplate}.
 */
class BlockingTemplateBehaviourTests extends TemplateBehaviourSuite {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private TemplateOps ops;

	@BeforeEach
	void setUp() {
		this.ops = TemplateOps.blocking(new SingleTableTemplate(dynamo.client(), dynamo.tableName()));
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
