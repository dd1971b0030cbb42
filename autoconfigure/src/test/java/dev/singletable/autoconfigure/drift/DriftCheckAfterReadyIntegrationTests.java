package dev.singletable.autoconfigure.drift;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.SingleTableDynamoDbClientBuilderCustomizer;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.data.SingleTableRepositoriesAutoConfiguration;
import dev.singletable.autoconfigure.drift.after.AfterApplication;
import dev.singletable.autoconfigure.drift.before.BeforePackage;
import dev.singletable.autoconfigure.health.SingleTableHealthIndicator;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

/**
 * The drift check of an application started as {@code java -jar} starts it: nothing is sent to DynamoDB before the
 * application is ready (with the table set up by someone else, {@code singletable.table.create=none}), whether the
 * endpoint answers or not; once ready, the check runs off the main thread and its outcome is in the health details
 * (a drift) or the log (a table it could not read).
 */
@ExtendWith(OutputCaptureExtension.class)
class DriftCheckAfterReadyIntegrationTests {

	@Test
	void aReachableTableIsCheckedAfterReadyAndTheDriftIsInTheHealthDetails() {
		String table = TestTables.uniqueName("drift-ready");
		firstVersionStoresATicket(table);
		RequestCounter requests = new RequestCounter();
		ReadyProbe ready = new ReadyProbe(requests::count);

		try (ConfigurableApplicationContext context = start(table, TestTables.endpointProperty(), ready,
				(builder) -> builder.overrideConfiguration((config) -> config.addExecutionInterceptor(requests)))) {
			assertThat(ready.countAtReady).as("requests sent before the application was ready").hasValue(0);
			SingleTableDriftCheck check = context.getBean(SingleTableDriftCheck.class);
			awaitRun(check);
			assertThat(requests.count()).as("requests of the check after ready").isPositive();
			assertThat(check.getReport().refusing()).singleElement()
				.satisfies((drift) -> assertThat(drift.type())
					.isEqualTo(dev.singletable.autoconfigure.drift.after.Ticket.class));
			Health health = context.getBean(SingleTableHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).extractingByKey("drift", MAP).containsKey("Ticket");
		}
	}

	@Test
	void anUnreachableEndpointIsNotContactedBeforeReadyAndTheFailedCheckIsLogged(CapturedOutput output)
			throws Exception {
		try (ConnectionRecorder endpoint = new ConnectionRecorder()) {
			ReadyProbe ready = new ReadyProbe(endpoint::count);
			try (ConfigurableApplicationContext context = start("drift-unreachable",
					"singletable.endpoint=http://127.0.0.1:" + endpoint.port(), ready, (builder) -> {
					})) {
				assertThat(ready.countAtReady).as("connections made before the application was ready").hasValue(0);
				SingleTableDriftCheck check = context.getBean(SingleTableDriftCheck.class);
				awaitRun(check);
				assertThat(endpoint.count()).as("connections of the check after ready").isPositive();
				assertThat(check.getReport().drifts()).isEmpty();
				assertThat(output).contains("Could not check the stored definitions of table 'drift-unreachable'");
			}
		}
	}

	/** Stores a ticket with the first version of the application, whose first write records its definitions. */
	private static void firstVersionStoresATicket(String table) {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class,
					SingleTableRepositoriesAutoConfiguration.class, SingleTableDriftAutoConfiguration.class))
			.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing",
					"singletable.table-name=" + table)
			.withUserConfiguration(BeforePackage.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(dev.singletable.autoconfigure.drift.before.TicketRepository.class)
					.save(dev.singletable.autoconfigure.drift.before.Ticket.of("ann", "open"));
			});
	}

	private static ConfigurableApplicationContext start(String table, String endpoint, ReadyProbe ready,
			SingleTableDynamoDbClientBuilderCustomizer customizer) {
		return new SpringApplicationBuilder(AfterApplication.class).web(WebApplicationType.NONE)
			.properties(endpoint, "singletable.table-name=" + table, "singletable.table.create=none",
					"singletable.embedded.enabled=false",
					"singletable.drift.poll-interval=0")
			.initializers((context) -> context.getBeanFactory().registerSingleton("requestCounting", customizer))
			.listeners(ready)
			.run();
	}

	private static void awaitRun(SingleTableDriftCheck check) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!check.hasRun()) {
			assertThat(System.nanoTime()).as("the drift check ran within 60 s of ready").isLessThan(deadline);
			Thread.onSpinWait();
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	/** Reads a count when the application is ready, before any other listener of the event. */
	private static final class ReadyProbe implements ApplicationListener<ApplicationReadyEvent>, Ordered {

		private final java.util.function.IntSupplier count;

		final AtomicInteger countAtReady = new AtomicInteger(-1);

		ReadyProbe(java.util.function.IntSupplier count) {
			this.count = count;
		}

		@Override
		public void onApplicationEvent(ApplicationReadyEvent event) {
			this.countAtReady.set(this.count.getAsInt());
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

	/** Counts the requests the client sends, before they are sent. */
	private static final class RequestCounter implements ExecutionInterceptor {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
			this.count.incrementAndGet();
		}

		int count() {
			return this.count.get();
		}

	}

	/** A loopback port that accepts connections, counts them and closes them without an answer. */
	private static final class ConnectionRecorder implements AutoCloseable {

		private final ServerSocket socket;

		private final AtomicInteger count = new AtomicInteger();

		private final List<Socket> accepted = new ArrayList<>();

		ConnectionRecorder() throws IOException {
			this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			Thread thread = new Thread(this::accept, "connection-recorder");
			thread.setDaemon(true);
			thread.start();
		}

		private void accept() {
			while (!this.socket.isClosed()) {
				try (Socket connection = this.socket.accept()) {
					this.count.incrementAndGet();
				}
				catch (IOException ex) {
					// closed
				}
			}
		}

		int port() {
			return this.socket.getLocalPort();
		}

		int count() {
			return this.count.get();
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
