package com.example.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application over real HTTP, on the embedded DynamoDB Local that the test classpath brings: a parcel written
 * through the API comes back through the table's stream, read by the Kinesis Client Library, to the
 * {@code @ResourceChangeListener}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "singletable.changes.enabled=true")
class EventsApplicationTests {

	/** The first worker on an empty lease table waits up to 30 s (the KCL's) before it reads. */
	private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);

	@LocalServerPort
	private int port;

	private RestClient http;

	@BeforeEach
	void setUp() {
		this.http = RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	@Test
	void writesReadsAndReceivesTheChange() {
		String destination = "Lisbon-" + UUID.randomUUID();
		ResponseEntity<Parcel> created = this.http.post()
			.uri("/parcels")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("destination", destination))
			.retrieve()
			.toEntity(Parcel.class);
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		Parcel parcel = created.getBody();
		assertThat(parcel.id()).isNotBlank();
		assertThat(parcel.version()).isEqualTo(1L);

		ResponseEntity<Parcel> read = this.http.get().uri("/parcels/" + parcel.id()).retrieve().toEntity(Parcel.class);
		assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(read.getBody()).isEqualTo(parcel);

		ChangeLog.Entry change = awaitChangeOf(parcel.id());
		assertThat(change.type()).isEqualTo("CREATED");
		assertThat(change.version()).isEqualTo(1L);
		assertThat(change.destination()).isEqualTo(destination);
		assertThat(change.idempotencyKey()).isNotBlank();
	}

	@Test
	void theClassPathHasNoneOfWhatAStreamWorkerNeverLoads() {
		ClassLoader loader = getClass().getClassLoader();
		// the worker's own classes are there
		assertThat(ClassUtils.isPresent("software.amazon.kinesis.coordinator.Scheduler", loader)).isTrue();
		assertThat(ClassUtils.isPresent("com.amazonaws.services.dynamodbv2.streamsadapter.StreamsSchedulerFactory",
				loader))
			.isTrue();
		// the Glue schema registry and what it brings (Kafka, Scala, Kotlin, Wire, Avro) are not; the Kotlin
		// standard library is not checked here, as DynamoDB Local's jar carries some of it (postbuild.groovy checks the
		// packaged application)
		assertThat(List.of("com.amazonaws.services.schemaregistry.common.Schema",
				"software.amazon.awssdk.services.glue.GlueClient", "software.amazon.awssdk.services.sts.StsClient",
				"org.apache.kafka.clients.consumer.KafkaConsumer", "scala.Option", "kotlin.reflect.full.KClasses",
				"kotlin.script.experimental.api.ScriptCompilationConfiguration", "okio.Okio",
				"com.squareup.wire.schema.Schema", "org.apache.avro.Schema",
				"com.kjetland.jackson.jsonschema.JsonSchemaGenerator",
				// the change stream needs no Reactor (its Flux view is a bean of its own, declared only with Reactor)
				"reactor.core.publisher.Flux"))
			.filteredOn((name) -> ClassUtils.isPresent(name, loader))
			.isEmpty();
		// the blocking HTTP client is the starter's URL connection client, the async one (the KCL's) Netty; the
		// packaged application has no Apache 5 client (postbuild.groovy)
		assertThat(ClassUtils.isPresent("software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient", loader))
			.isTrue();
		assertThat(ClassUtils.isPresent("software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient", loader))
			.isTrue();
	}

	/** Polls {@code GET /changes} until the listener received a change of the parcel. */
	private ChangeLog.Entry awaitChangeOf(String id) {
		return await("the change of parcel " + id).atMost(DELIVERY_TIMEOUT)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> changes().stream().filter((change) -> change.id().equals(id)).findFirst(),
					Optional::isPresent)
			.get();
	}

	private List<ChangeLog.Entry> changes() {
		return this.http.get().uri("/changes").retrieve().body(new ParameterizedTypeReference<List<ChangeLog.Entry>>() {
		});
	}

}
