package dev.singletable.autoconfigure.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.config.EnableWebFlux;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.SingleTableReactiveAutoConfiguration;
import dev.singletable.autoconfigure.fixtures.Gadget;
import dev.singletable.autoconfigure.fixtures.GadgetPackage;
import dev.singletable.core.CommitOutcomeUnknownException;
import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.reactive.ReactiveSingleTableOperations;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A request that DynamoDB cannot serve because nothing listens at its endpoint (a closed loopback port, so every
 * connection is refused) is answered {@code 503} with a {@code Retry-After} header, in Spring MVC and in WebFlux,
 * reads and refused writes alike; the clients do not retry, so the test does not wait out the SDK's back-off.
 */
class DynamoDbUnavailableProblemDetailsTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String[] PROPERTIES = { "singletable.table-name=unreachable-table",
			"singletable.table.create=none", "singletable.drift.enabled=false", "singletable.migrations.enabled=false" };

	@Test
	void unreachableDynamoDbIsA503WithRetryAfterInSpringMvc() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class,
					SingleTableProblemDetailsAutoConfiguration.class))
			.withUserConfiguration(GadgetPackage.class, UnreachableClients.class, MvcConfiguration.class)
			.withPropertyValues(PROPERTIES)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
				for (MockHttpServletResponse response : new MockHttpServletResponse[] {
						mvc.perform(get("/gadgets/g1").accept(MediaType.APPLICATION_JSON)).andReturn().getResponse(),
						mvc.perform(post("/gadgets").accept(MediaType.APPLICATION_JSON))
							.andReturn()
							.getResponse() }) {
					assertThat(response.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE.value());
					assertThat(response.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
					assertThat(MediaType.parseMediaType(response.getContentType()))
						.isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
					assertUnavailable(json.readTree(response.getContentAsString()));
				}
			});
	}

	@Test
	void unreachableDynamoDbIsA503WithRetryAfterInWebFlux() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class,
					SingleTableReactiveAutoConfiguration.class, SingleTableProblemDetailsAutoConfiguration.class))
			.withUserConfiguration(GadgetPackage.class, UnreachableClients.class, WebFluxConfiguration.class)
			.withPropertyValues(PROPERTIES)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				// the first request of a JVM through the SDK's Netty client takes seconds on a busy machine
				WebTestClient client = WebTestClient.bindToApplicationContext(context)
					.configureClient()
					.responseTimeout(Duration.ofSeconds(30))
					.build();
				for (String path : new String[] { "/reactive/gadgets/g1", "/reactive/gadgets" }) {
					EntityExchangeResult<String> result = (path.endsWith("g1") ? client.get() : client.post())
						.uri(path)
						.accept(MediaType.APPLICATION_JSON)
						.exchange()
						.expectStatus()
						.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
						.expectHeader()
						.valueEquals(HttpHeaders.RETRY_AFTER, "5")
						.expectHeader()
						.contentType(MediaType.APPLICATION_PROBLEM_JSON)
						.expectBody(String.class)
						.returnResult();
					assertUnavailable(json.readTree(result.getResponseBody()));
				}
			});
	}

	@Test
	void aWriteThatGotNoConnectionFromThePoolInTimeWasNeverSentAndIsA503() {
		SingleTableProblemDetailsExceptionHandler handler = new SingleTableProblemDetailsExceptionHandler();
		// as the Netty client reports a connection pool that gave no connection within its acquire timeout
		SdkClientException acquire = SdkClientException.builder()
			.message("Unable to execute HTTP request: Acquire operation took longer than the configured maximum time.")
			.cause(new Throwable("Acquire operation took longer than the configured maximum time.",
					new java.util.concurrent.TimeoutException("Acquire operation took longer than 10000 milliseconds.")))
			.build();
		assertThat(handler.handleUnavailable(new CommitOutcomeUnknownException("create", null, acquire))
			.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);

		// an answer that timed out after the request was sent may have been applied: left to the application
		SdkClientException lost = SdkClientException.builder()
			.message("Unable to execute HTTP request: Read timed out")
			.cause(new java.net.SocketTimeoutException("Read timed out"))
			.build();
		CommitOutcomeUnknownException unknown = new CommitOutcomeUnknownException("create", null, lost);
		assertThat(catchThrowable(() -> handler.handleUnavailable(unknown))).isSameAs(unknown);
	}

	@Test
	void theSameExceptionTypeFromAnotherStoreIsNotAnsweredAsDynamoDb() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SingleTableProblemDetailsAutoConfiguration.class))
			.withUserConfiguration(MvcConfiguration.class)
			.run((context) -> {
				MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
				assertThat(catchThrowable(
						() -> mvc.perform(get("/other-store").accept(MediaType.APPLICATION_JSON))))
					.as("left to the application's error handling")
					.rootCause()
					.isInstanceOf(DataAccessResourceFailureException.class)
					.hasMessage("JDBC connection refused");
			});
	}

	private static void assertUnavailable(JsonNode problem) {
		assertThat(problem.get("status").asInt()).isEqualTo(503);
		assertThat(problem.get("title").asString()).isEqualTo("Storage unavailable");
		assertThat(problem.get("detail").asString()).contains("DynamoDB could not be reached")
			.doesNotContain("unreachable-table")
			.doesNotContain("127.0.0.1");
		assertThat(problem.path("type").asString("about:blank")).isEqualTo("about:blank");
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Clients of an endpoint where nothing listens, without retries.
	 */
	@Configuration(proxyBeanMethods = false)
	static class UnreachableClients {

		private final URI endpoint = URI.create("http://127.0.0.1:" + closedPort());

		@Bean(destroyMethod = "close")
		DynamoDbClient dynamoDbClient() {
			return DynamoDbClient.builder()
				.endpointOverride(this.endpoint)
				.region(Region.US_EAST_1)
				.httpClient(UrlConnectionHttpClient.create())
				.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy")))
				.overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
				.build();
		}

		@Bean(destroyMethod = "close")
		DynamoDbAsyncClient dynamoDbAsyncClient() {
			return DynamoDbAsyncClient.builder()
				.endpointOverride(this.endpoint)
				.region(Region.US_EAST_1)
				.httpClient(NettyNioAsyncHttpClient.builder().build())
				.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy")))
				.overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	@Import(GadgetController.class)
	static class MvcConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebFlux
	@Import(ReactiveGadgetController.class)
	static class WebFluxConfiguration {

	}

	@RestController
	static class GadgetController {

		private final ObjectProvider<SingleTableOperations> template;

		GadgetController(ObjectProvider<SingleTableOperations> template) {
			this.template = template;
		}

		@GetMapping("/gadgets/g1")
		Gadget read() {
			return this.template.getObject().getById(Gadget.class, "g1");
		}

		@PostMapping("/gadgets")
		Gadget create() {
			return this.template.getObject().create(Gadget.of("lamp", "ann", "Lamp"));
		}

		@GetMapping("/other-store")
		String otherStore() {
			throw new DataAccessResourceFailureException("JDBC connection refused");
		}

	}

	@RestController
	static class ReactiveGadgetController {

		private final ReactiveSingleTableOperations template;

		ReactiveGadgetController(ReactiveSingleTableOperations template) {
			this.template = template;
		}

		@GetMapping("/reactive/gadgets/g1")
		Mono<Gadget> read() {
			return this.template.getById(Gadget.class, "g1");
		}

		@PostMapping("/reactive/gadgets")
		Mono<Gadget> create() {
			return this.template.create(Gadget.of("lamp", "ann", "Lamp"));
		}

	}

}
