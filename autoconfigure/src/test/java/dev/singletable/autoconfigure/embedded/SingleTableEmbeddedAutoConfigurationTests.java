package dev.singletable.autoconfigure.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.SingleTableConnectionDetails;
import dev.singletable.autoconfigure.SingleTableDynamoDbClientBuilderCustomizer;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.client.PropertiesSingleTableConnectionDetails;
import dev.singletable.autoconfigure.fixtures.Gadget;
import dev.singletable.autoconfigure.fixtures.GadgetPackage;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.test.DynamoDbLocal;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the embedded DynamoDB Local of {@link SingleTableAutoConfiguration}: when it starts, what it serves and
 * that it stops with the context. Only two tests start a server; the others check that it does not start, without
 * reaching any DynamoDB (the region is set by a builder customizer where no property may set it).
 */
@ExtendWith(OutputCaptureExtension.class)
class SingleTableEmbeddedAutoConfigurationTests {

	private static final String STARTED_MESSAGE = "Started embedded DynamoDB Local";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class))
		.withUserConfiguration(GadgetPackage.class);

	@Test
	void startsByDefaultCreatesTheTableAnnouncesItselfOnceAndStopsWithTheContext(CapturedOutput output) {
		String table = TestTables.uniqueName("embedded");
		AtomicInteger port = new AtomicInteger();
		this.contextRunner.withPropertyValues("singletable.table-name=" + table, "singletable.table.create=validate")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(EmbeddedDynamoDbLocal.class)
					.hasSingleBean(SingleTableConnectionDetails.class)
					.doesNotHaveBean(PropertiesSingleTableConnectionDetails.class);
				EmbeddedDynamoDbLocal server = context.getBean(EmbeddedDynamoDbLocal.class);
				port.set(server.getPort());
				assertThat(server.isRunning()).isTrue();
				assertThat(server.getEndpoint()).hasHost("127.0.0.1").hasPort(port.get());
				assertThat(port.get()).isNotEqualTo(DynamoDbLocal.port());
				DynamoDbClient client = context.getBean(DynamoDbClient.class);
				assertThat(client.serviceClientConfiguration().endpointOverride()).contains(server.getEndpoint());
				assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);
				assertThat(client.describeTable((request) -> request.tableName(table)).table().globalSecondaryIndexes())
					.extracting("indexName")
					.containsExactlyInAnyOrder("gsitype", "gsi1", "gsi2", "gsi3", "by-owner");
				SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
				Gadget created = template.create(Gadget.of("clock", "ed", "Wall clock"));
				assertThat(template.findById(Gadget.class, created.id())).contains(created);
				assertThat(isListening(port.get())).isTrue();
				org.springframework.boot.logging.LoggingSystem logging = org.springframework.boot.logging.LoggingSystem
					.get(getClass().getClassLoader());
				assertThat(logging.getLoggerConfiguration("com.amazonaws.services.dynamodbv2.local").getEffectiveLevel())
					.isEqualTo(org.springframework.boot.logging.LogLevel.ERROR);
				assertThat(logging.getLoggerConfiguration("org.eclipse.jetty").getEffectiveLevel())
					.isEqualTo(org.springframework.boot.logging.LogLevel.WARN);
			});
		assertThat(isListening(port.get())).as("port %d after close", port.get()).isFalse();
		assertThat(output.getOut().lines().filter((line) -> line.contains(" INFO "))).singleElement()
			.asString()
			.contains(STARTED_MESSAGE, "http://127.0.0.1:" + port.get(), "'" + table + "'");
	}

	@Test
	void announcesWhereItRunsAndHowToSwitchToAwsInOneLineWithoutDynamoDbLocalsBanner(CapturedOutput output) {
		// The table name does not come from TestTables, whose shared DynamoDB Local would print its own banner
		AtomicInteger port = new AtomicInteger();
		this.contextRunner.withPropertyValues("singletable.table-name=quiet-start").run((context) -> {
			assertThat(context).hasNotFailed();
			port.set(context.getBean(EmbeddedDynamoDbLocal.class).getPort());
		});
		assertThat(output.getOut()).doesNotContain("Initializing DynamoDB Local")
			.doesNotContain("InMemory:")
			.doesNotContain("CorsParams:");
		assertThat(output.getErr()).doesNotContain("Initializing DynamoDB Local");
		assertThat(output.getOut().lines().filter((line) -> line.contains("DynamoDB Local"))).singleElement()
			.asString()
			.contains(" INFO ")
			.endsWith("Started embedded DynamoDB Local at http://127.0.0.1:" + port.get()
					+ " (in memory) for table 'quiet-start'; set singletable.region or singletable.endpoint to use AWS");
	}

	@Test
	void startsWhenForcedEvenWithAnEndpointOnTheConfiguredPort() throws IOException {
		int fixedPort = freePort();
		String table = TestTables.uniqueName("forced");
		this.contextRunner
			.withPropertyValues("singletable.table-name=" + table, "singletable.embedded.enabled=true",
					"singletable.embedded.port=" + fixedPort, "singletable.endpoint=http://localhost:1",
					"singletable.table.create=none")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(EmbeddedDynamoDbLocal.class);
				assertThat(context.getBean(EmbeddedDynamoDbLocal.class).getPort()).isEqualTo(fixedPort);
				assertThat(context.getBean(SingleTableConnectionDetails.class).getEndpoint())
					.hasToString("http://127.0.0.1:" + fixedPort);
				assertThat(TestTables.exists(table)).as("created on the embedded server only").isFalse();
				assertThat(context.getBean(DynamoDbClient.class).listTables().tableNames()).contains(table);
			});
		assertThat(isListening(fixedPort)).isFalse();
	}

	@Test
	void failsClearlyWhenTheConfiguredPortIsTaken() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getByName("127.0.0.1"))) {
			this.contextRunner
				.withPropertyValues("singletable.table-name=taken", "singletable.embedded.port=" + taken.getLocalPort())
				.run((context) -> {
					assertThat(context).hasFailed();
					assertThat(context.getStartupFailure()).hasStackTraceContaining(
							"Could not start the embedded DynamoDB Local on port " + taken.getLocalPort()
									+ " (is it in use? set singletable.embedded.port=0 for a free port)");
				});
		}
	}

	@Test
	void doesNotStartWhenAnEndpointIsConfigured() {
		this.contextRunner
			.withPropertyValues("singletable.table-name=t", "singletable.table.create=none", TestTables.endpointProperty())
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(EmbeddedDynamoDbLocal.class)
				.hasSingleBean(PropertiesSingleTableConnectionDetails.class));
	}

	@Test
	void doesNotStartWhenARegionIsConfigured() {
		this.contextRunner
			.withPropertyValues("singletable.table-name=t", "singletable.table.create=none", "singletable.region=eu-west-1")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(EmbeddedDynamoDbLocal.class);
				DynamoDbClient client = context.getBean(DynamoDbClient.class);
				assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
				assertThat(client.serviceClientConfiguration().endpointOverride()).isEmpty();
			});
	}

	@Test
	void doesNotStartWhenDisabled() {
		this.contextRunner.withPropertyValues("singletable.table-name=t", "singletable.table.create=none",
				"singletable.embedded.enabled=false")
			.withBean(SingleTableDynamoDbClientBuilderCustomizer.class, () -> (builder) -> builder.region(Region.US_EAST_1))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(EmbeddedDynamoDbLocal.class));
	}

	@Test
	void doesNotStartWithAUserDynamoDbClient() {
		try (DynamoDbClient userClient = DynamoDbLocal.newClient()) {
			this.contextRunner.withPropertyValues("singletable.table-name=t", "singletable.table.create=none")
				.withBean(DynamoDbClient.class, () -> userClient)
				.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(EmbeddedDynamoDbLocal.class));
		}
	}

	@Test
	void doesNotStartWithoutDynamoDbLocalOnTheClasspathEvenWhenForced() {
		this.contextRunner
			.withClassLoader(new FilteredClassLoader(EmbeddedDynamoDbLocalConfiguration.SERVER_RUNNER))
			.withPropertyValues("singletable.table-name=t", "singletable.table.create=none",
					"singletable.embedded.enabled=true")
			.withBean(SingleTableDynamoDbClientBuilderCustomizer.class, () -> (builder) -> builder.region(Region.US_EAST_1))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(EmbeddedDynamoDbLocal.class)
				.hasSingleBean(DynamoDbClient.class));
	}

	private static boolean isListening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
	}

}
