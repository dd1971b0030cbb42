package dev.singletable.test.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextManager;

import dev.singletable.core.mapping.InvalidEntityDefinitionException;
import dev.singletable.test.autoconfigure.invalid.InvalidApplication;
import dev.singletable.test.autoconfigure.invalid.Ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A {@link DataSingleTableTest @DataSingleTableTest} of an application with an invalid entity fails with the
 * failure analysis of the entity before its context asks for the shared DynamoDB Local, so that a definition error
 * never waits for (or starts) the server.
 */
@ExtendWith(OutputCaptureExtension.class)
class EntityChecksBeforeSharedServerTests {

	@Test
	void anInvalidEntityFailsTheSliceWithoutAskingForTheServer(CapturedOutput output) {
		int requestsBefore = SharedEmbeddedDynamoDbLocal.requestCount();
		int startsBefore = SharedEmbeddedDynamoDbLocal.startCount();
		TestContext testContext = new TestContextManager(WithInvalidEntity.class).getTestContext();
		long start = System.nanoTime();

		assertThatIllegalStateException().isThrownBy(testContext::getApplicationContext)
			.havingRootCause()
			.isInstanceOf(InvalidEntityDefinitionException.class);
		// Reported, not asserted: a loaded build machine makes any bound flaky
		System.err.printf("A slice with an invalid entity failed in %d ms%n", (System.nanoTime() - start) / 1_000_000);

		assertThat(SharedEmbeddedDynamoDbLocal.requestCount()).isEqualTo(requestsBefore);
		assertThat(SharedEmbeddedDynamoDbLocal.startCount()).isEqualTo(startsBefore);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The entity type " + Ticket.class.getName() + " cannot be stored as declared")
			.contains("has no partition template");
	}

	@DataSingleTableTest
	@ContextConfiguration(classes = InvalidApplication.class)
	static class WithInvalidEntity {

	}

}
