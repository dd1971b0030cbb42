package dev.singletable.test.autoconfigure.changes;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import dev.singletable.events.ResourceChange;
import dev.singletable.events.SingleTableChangeStream;
import dev.singletable.test.autoconfigure.DataSingleTableTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link DataSingleTableTest @DataSingleTableTest} with change events on and an imported
 * {@code @ResourceChangeListener}: the listener receives the change of a write, waited for with
 * {@link SingleTableChangeStream#awaitDelivered(Duration)}, without sleeping.
 */
@DataSingleTableTest(properties = "singletable.changes.enabled=true")
@Import(ChangesApplication.ParcelTracker.class)
class DataSingleTableTestChangeEventsIntegrationTests {

	@Autowired
	private ParcelRepository parcels;

	@Autowired
	private ChangesApplication.ParcelTracker tracker;

	@Autowired
	private SingleTableChangeStream changeStream;

	@Test
	void listenerReceivesTheChangeOfAWrite() {
		Parcel saved = this.parcels.save(new Parcel("p-1", null, "packed"));

		this.changeStream.awaitDelivered(Duration.ofSeconds(60));

		assertThat(this.tracker.changes()).singleElement().satisfies((change) -> {
			assertThat(change.type()).isEqualTo(ResourceChange.Type.CREATED);
			assertThat(change.id()).isEqualTo(saved.id());
			assertThat(change.newState().state()).isEqualTo("packed");
		});
	}

}
