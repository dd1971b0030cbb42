package dev.singletable.repository.reactive;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.support.GenericApplicationContext;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.repository.support.SingleTableRepositoryFactory;
import dev.singletable.test.DynamoDbLocalExtension;

/**
 * {@link RepositoryBehaviourSuite} on the blocking repository, {@link BlockingTickets}.
 */
class BlockingRepositoryBehaviourTests extends RepositoryBehaviourSuite {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	@Override
	DynamoDbLocalExtension dynamo() {
		return dynamo;
	}

	@Override
	BlockingTickets tickets(GenericApplicationContext context) {
		return context.getBean(BlockingTickets.class);
	}

	@Override
	Object badRepository(GenericApplicationContext context) {
		return new SingleTableRepositoryFactory(context.getBean(SingleTableTemplate.class))
			.getRepository(Blocking.BadTickets.class);
	}

}
