package com.example.outbox;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.util.ClassUtils;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox over real HTTP: an order and its event's publication are stored together, the listener gets the event
 * after the commit and writes a receipt, and the publication is completed once it returns, in its shard of the
 * type index.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class OutboxApplicationTests {

	@Autowired
	RestTestClient http;

	@Autowired
	CompletedEventPublications completed;

	@Autowired
	EventPublicationRepository publications;

	@Autowired
	DynamoDbClient dynamoDb;

	@Test
	void theChangeStreamIsNotOnTheClassPath() {
		ClassLoader classLoader = getClass().getClassLoader();
		assertThat(ClassUtils.isPresent("software.amazon.kinesis.coordinator.Scheduler", classLoader)).isFalse();
		assertThat(ClassUtils.isPresent("com.amazonaws.services.dynamodbv2.streamsadapter.StreamsSchedulerFactory",
				classLoader)).isFalse();
		assertThat(ClassUtils.isPresent("org.springframework.modulith.events.ApplicationModuleListener", classLoader))
			.isTrue();
	}

	@Test
	void theListenerRunsAfterTheCommitAndItsPublicationIsCompleted() {
		Order placed = this.http.post()
			.uri("/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("item", "lamp"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Order.class)
			.returnResult()
			.getResponseBody();
		assertThat(placed.id()).isNotBlank();
		OrderPlaced event = new OrderPlaced(placed.id(), "lamp");

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			Receipt receipt = this.http.get()
				.uri("/orders/{id}/receipt", placed.id())
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(Receipt.class)
				.returnResult()
				.getResponseBody();
			assertThat(receipt.item()).isEqualTo("lamp");
			assertThat(receipt.thread()).doesNotContain("http-nio");    // after the commit, on another thread
		});
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.completed.findAll()).extracting(EventPublication::getEvent)
				.contains(event));
		assertThat(this.publications.findIncompletePublications()).extracting(TargetEventPublication::getEvent)
			.doesNotContain(event);
		// spread (singletable.events.publication-registry.shards: 4): completed in one of the 4 keys of its status
		assertThat(this.dynamoDb.scan((scan) -> scan.tableName("outbox-app")).items())
			.filteredOn((item) -> item.get("pk").s().startsWith("_INTERNAL#EventPublication#"))
			.isNotEmpty()
			.allSatisfy((item) -> assertThat(item.get("gsitype").s())
				.matches("_INTERNAL#EventPublication#[A-Z]+#[0-3]"));
	}

}
