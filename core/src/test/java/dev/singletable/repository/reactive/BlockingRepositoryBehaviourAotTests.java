package dev.singletable.repository.reactive;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RepositoryBehaviourSuite} on the blocking repository started from the code {@code process-aot} generates
 * ({@link AheadOfTimeBehaviourConfig}): the same assertions hold when the query methods run in the generated
 * {@code BlockingTicketsImpl__AotRepository} rather than through Spring Data's query lookup.
 */
class BlockingRepositoryBehaviourAotTests extends BlockingRepositoryBehaviourTests {

	@Override
	GenericApplicationContext createContext() {
		return new GenericApplicationContext();
	}

	@Override
	void register(GenericApplicationContext context) {
		AheadOfTimeBehaviourConfig.register(context);
	}

	@Test
	void theQueryMethodsRunInTheGeneratedFragment() {
		assertThat(AheadOfTimeBehaviourConfig.information(context(), "blockingTickets").getQueryMethods())
			.as("the query methods left to the query lookup")
			.isEmpty();
	}

}
