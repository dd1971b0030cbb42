package com.example.reactive;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write rate of each type against one partition key's limit in a reactive-only application (WebFlux, the async
 * client, Micrometer through the actuator): tasks created over HTTP show on the health endpoint as the Task type's
 * write units a second against DynamoDB's 1,000 of one key, from a reactive contributor (read without blocking).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ReactiveWriteRatesHealthTests {

	@Autowired
	WebTestClient http;

	@Autowired
	ApplicationContext context;

	@Test
	void theWriteRatesContributorIsReactive() {
		assertThat(this.context.getBean("singletableWriteRatesHealthIndicator"))
			.isInstanceOf(ReactiveHealthIndicator.class);
	}

	@Test
	void theHealthEndpointShowsTheTaskTypesWriteRateAgainstItsKeysLimit() {
		// a first check starts the window the next one measures
		this.http.get().uri("/actuator/health").exchange().expectStatus().isOk();
		String board = "board-" + UUID.randomUUID();
		for (int i = 0; i < 3; i++) {
			this.http.post()
				.uri("/tasks")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(new Task(null, null, board, "Plan " + i))
				.exchange()
				.expectStatus()
				.isCreated();
		}

		this.http.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.singletableWriteRates.status").isEqualTo("UP")
			.jsonPath("$.components.singletableWriteRates.details.writeRates.Task.limit").isEqualTo(1000.0)
			.jsonPath("$.components.singletableWriteRates.details.writeRates.Task.writeUnitsPerSecond")
			.value(Double.class, (rate) -> assertThat(rate).isPositive())
			.jsonPath("$.components.singletable.status").isEqualTo("UP");
	}

}
