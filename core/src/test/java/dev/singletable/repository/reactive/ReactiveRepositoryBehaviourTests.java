package dev.singletable.repository.reactive;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.repository.support.ReactiveSingleTableRepositoryFactory;
import dev.singletable.test.DynamoDbLocalExtension;

/**
 * {@link RepositoryBehaviourSuite} on the reactive repository, {@link ReactiveTickets}, on the SDK's Netty async
 * client, called through {@link BlockingView}.
 */
class ReactiveRepositoryBehaviourTests extends RepositoryBehaviourSuite {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	@Override
	DynamoDbLocalExtension dynamo() {
		return dynamo;
	}

	@Override
	BlockingTickets tickets(AnnotationConfigApplicationContext context) {
		return BlockingView.of(BlockingTickets.class, ReactiveTickets.class, context.getBean(ReactiveTickets.class));
	}

	@Override
	Object badRepository(AnnotationConfigApplicationContext context) {
		return new ReactiveSingleTableRepositoryFactory(context.getBean(ReactiveSingleTableTemplate.class))
			.getRepository(Reactive.BadTickets.class);
	}

}
