package com.example.reference.outbox;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The change events of change-events.md: the board (a listener) and the ticker (a {@code Flux}) follow the shipments
 * from the table's stream.
 */
@SpringBootTest
@ActiveProfiles("changes")
class ShipmentBoardTests {

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	ShipmentRepository shipments;

	@Autowired
	ShipmentBoard board;

	@Autowired
	ShipmentTicker ticker;

	@Test
	void theBoardFollowsTheShipmentsFromTheStream() {
		this.dispatcher.dispatch("sh-board", "Oslo");
		await().atMost(Duration.ofSeconds(90))
			.untilAsserted(() -> assertThat(this.board.destinations()).containsEntry("sh-board", "Oslo"));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.ticker.lines()).contains("sh-board to Oslo"));

		this.shipments.deleteById("sh-board");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.board.destinations()).doesNotContainKey("sh-board"));
	}

}
