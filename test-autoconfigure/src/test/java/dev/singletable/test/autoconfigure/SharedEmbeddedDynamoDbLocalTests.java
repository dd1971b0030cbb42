package dev.singletable.test.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext.HierarchyMode;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextManager;

import dev.singletable.autoconfigure.embedded.EmbeddedDynamoDbLocal;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.test.autoconfigure.example.ExampleApplication;
import dev.singletable.test.autoconfigure.example.Note;
import dev.singletable.test.autoconfigure.example.NoteRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two different test contexts, loaded by the test framework as for two test classes, use one embedded DynamoDB
 * Local, each with its own data; closing one leaves the other working.
 */
class SharedEmbeddedDynamoDbLocalTests {

	@Test
	void contextsShareOneServerAndKeepTheirDataApart() {
		TestContext first = testContext(First.class);
		TestContext second = testContext(Second.class);
		ApplicationContext one = first.getApplicationContext();
		ApplicationContext two = second.getApplicationContext();
		assertThat(one).isNotSameAs(two);

		EmbeddedDynamoDbLocal server = one.getBean(EmbeddedDynamoDbLocal.class);
		assertThat(two.getBean(EmbeddedDynamoDbLocal.class)).isSameAs(server);
		assertThat(two.getBean(EmbeddedDynamoDbLocal.class).getEndpoint()).isEqualTo(server.getEndpoint());
		// One start for the whole JVM, whichever test class came first
		assertThat(SharedEmbeddedDynamoDbLocal.startCount()).isEqualTo(1);

		// The same table name in both contexts, and yet two tables
		assertThat(one.getEnvironment().getProperty("singletable.table-name")).isEqualTo("notes");
		assertThat(two.getEnvironment().getProperty("singletable.table-name")).isEqualTo("notes");
		NoteRepository notesOne = one.getBean(NoteRepository.class);
		NoteRepository notesTwo = two.getBean(NoteRepository.class);
		Note onlyInOne = notesOne.save(Note.of("shared-test", "only in the first context"));
		assertThat(notesOne.findById(onlyInOne.id())).contains(onlyInOne);
		assertThat(notesTwo.findById(onlyInOne.id())).isEmpty();
		assertThat(notesTwo.findByAuthor("shared-test")).isEmpty();
		assertThat(two.getBean(DynamoDbClient.class).listTables().tableNames()).contains("notes");
		// The reactive template's async client reaches the same database as its context's blocking client
		ReactiveSingleTableTemplate reactiveOne = one.getBean(ReactiveSingleTableTemplate.class);
		ReactiveSingleTableTemplate reactiveTwo = two.getBean(ReactiveSingleTableTemplate.class);
		assertThat(reactiveOne.findById(Note.class, onlyInOne.id()).block()).isEqualTo(onlyInOne);
		assertThat(reactiveTwo.findById(Note.class, onlyInOne.id()).blockOptional()).isEmpty();
		Note fromReactive = reactiveTwo.create(Note.of("shared-reactive", "written by the async client")).block();
		assertThat(notesTwo.findByAuthor("shared-reactive")).containsExactly(fromReactive);
		assertThat(notesOne.findByAuthor("shared-reactive")).isEmpty();

		// Closing a context does not stop the server the others use
		first.markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
		assertThat(((ConfigurableApplicationContext) one).isActive()).isFalse();
		assertThat(server.isRunning()).isTrue();
		Note inTwo = notesTwo.save(Note.of("shared-test", "in the second context"));
		assertThat(notesTwo.findByAuthor("shared-test")).containsExactly(inTwo);
		assertThat(SharedEmbeddedDynamoDbLocal.startCount()).isEqualTo(1);
	}

	@Test
	void contextWithAFixedPortGetsAServerOfItsOwn() throws IOException {
		int port = freePort();
		TestContext fixed = testContext(FixedPort.class);
		System.setProperty("shared-tests.port", String.valueOf(port));
		try {
			ApplicationContext context = fixed.getApplicationContext();
			EmbeddedDynamoDbLocal server = context.getBean(EmbeddedDynamoDbLocal.class);
			assertThat(server.getPort()).isEqualTo(port);
			assertThat(server.getEndpoint()).isNotEqualTo(SharedEmbeddedDynamoDbLocal.endpointIfRunning());
			NoteRepository notes = context.getBean(NoteRepository.class);
			Note note = notes.save(Note.of("fixed", "on its own server"));
			assertThat(notes.findById(note.id())).contains(note);
			fixed.markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
			assertThat(server.isRunning()).isFalse();
		}
		finally {
			System.clearProperty("shared-tests.port");
		}
	}

	private static TestContext testContext(Class<?> testClass) {
		return new TestContextManager(testClass).getTestContext();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	@DataSingleTableTest(properties = "spring.application.name=first")
	@ContextConfiguration(classes = ExampleApplication.class)
	static class First {

	}

	@DataSingleTableTest(properties = "spring.application.name=second")
	@ContextConfiguration(classes = ExampleApplication.class)
	static class Second {

	}

	@DataSingleTableTest(properties = "singletable.embedded.port=${shared-tests.port}")
	@ContextConfiguration(classes = ExampleApplication.class)
	static class FixedPort {

	}

}
