package dev.singletable.test.autoconfigure.changes;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;

import dev.singletable.events.ReactiveSingleTableChangeStream;
import dev.singletable.events.ResourceChange;
import dev.singletable.events.SingleTableChangeStream;
import dev.singletable.test.autoconfigure.DataSingleTableTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An open subscription to {@code changes(Parcel.class)} completes when the stream stops, so that what it feeds (a
 * Server-Sent Events response) ends with the application.
 */
@DataSingleTableTest(properties = "singletable.changes.enabled=true")
@DirtiesContext
class ChangesFluxCompletionIntegrationTests {

	@Autowired
	private ParcelRepository parcels;

	@Autowired
	private SingleTableChangeStream changeStream;

	@Autowired
	private ReactiveSingleTableChangeStream reactiveChangeStream;

	@Test
	void theFluxOfChangesCompletesWhenTheStreamStops() throws Exception {
		CompletableFuture<List<ResourceChange<Parcel>>> subscription = this.reactiveChangeStream.changes(Parcel.class)
			.collectList()
			.toFuture();
		this.parcels.save(new Parcel("f-1", null, "packed"));
		this.changeStream.awaitDelivered(Duration.ofSeconds(60));

		this.changeStream.stop();

		assertThat(subscription.get(5, TimeUnit.SECONDS)).extracting(ResourceChange::id).containsExactly("f-1");
		assertThat(this.reactiveChangeStream.changes(Parcel.class).collectList().block(Duration.ofSeconds(5))).isEmpty();
	}

}
