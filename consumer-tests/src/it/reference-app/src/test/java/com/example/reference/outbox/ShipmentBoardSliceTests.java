package com.example.reference.outbox;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import dev.singletable.events.SingleTableChangeStream;
import dev.singletable.test.autoconfigure.DataSingleTableTest;

import static org.assertj.core.api.Assertions.assertThat;

@DataSingleTableTest(properties = "singletable.changes.enabled=true")
@Import(ShipmentBoard.class)
class ShipmentBoardSliceTests {

	@Autowired
	ShipmentRepository shipments;

	@Autowired
	ShipmentBoard board;

	@Autowired
	SingleTableChangeStream changeStream;

	@Test
	void theBoardSeesTheShipment() {
		this.shipments.save(new Shipment("sh-slice", null, "Oslo"));

		this.changeStream.awaitDelivered(Duration.ofSeconds(30));   // every change written so far was delivered

		assertThat(this.board.destinations()).containsEntry("sh-slice", "Oslo");
	}

}
