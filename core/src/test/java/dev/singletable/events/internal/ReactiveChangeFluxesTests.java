package dev.singletable.events.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import org.springframework.data.annotation.Id;

import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.events.ResourceChange;
import reactor.core.publisher.BaseSubscriber;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ReactiveChangeFluxes} without a server: a subscription receives the changes of its type as it requests them, holds
 * the shard while it has no demand, and once cancelled neither receives nor holds anything.
 */
class ReactiveChangeFluxesTests {

	private final MappingSingleTableConverter converter = new MappingSingleTableConverter(
			new SingleTableMappingContext());

	private final ChangeDispatcher dispatcher = new ChangeDispatcher(new ChangeDecoder(this.converter),
			(deadLetter) -> {
				throw new AssertionError("dead-lettered: " + deadLetter.failure());
			}, Clock.systemUTC());

	@Test
	void aSubscriberReceivesAsMuchAsItRequestedAndTheShardWaitsForMore() throws Exception {
		Recorder recorder = new Recorder(1);
		ReactiveChangeFluxes.of(this.dispatcher, Pin.class).subscribe(recorder);
		List<String> after = new CopyOnWriteArrayList<>();
		this.dispatcher.addListener(Pin.class, "after the flux", (change) -> after.add(change.id()));

		Thread shard = deliverInBackground(List.of(record("p1", 1), record("p2", 2), record("p3", 3)));
		awaitWaiting(shard);

		assertThat(recorder.ids).containsExactly("p1");
		assertThat(after).containsExactly("p1");
		recorder.request(2);
		shard.join(5_000);
		assertThat(shard.isAlive()).isFalse();
		assertThat(recorder.ids).containsExactly("p1", "p2", "p3");
		assertThat(after).containsExactly("p1", "p2", "p3");
	}

	@Test
	void aCancelledSubscriptionReleasesTheShardAndReceivesNothingMore() throws Exception {
		Recorder recorder = new Recorder(1);
		ReactiveChangeFluxes.of(this.dispatcher, Pin.class).subscribe(recorder);
		Thread shard = deliverInBackground(List.of(record("p1", 1), record("p2", 2)));
		awaitWaiting(shard);

		recorder.cancel();
		shard.join(5_000);
		assertThat(shard.isAlive()).isFalse();
		this.dispatcher.deliver("shard", List.of(record("p3", 3)));

		assertThat(recorder.ids).containsExactly("p1");
		assertThat(this.dispatcher.delivered()).isEqualTo(2);
	}

	@Test
	void anUnboundedSubscriberReceivesEveryChangeOfItsTypeOnly() throws Exception {
		List<ResourceChange<Pin>> received = new ArrayList<>();
		ReactiveChangeFluxes.of(this.dispatcher, Pin.class).subscribe(received::add);

		this.dispatcher.deliver("shard", List.of(record("p1", 1), record("p2", 2)));

		assertThat(received).extracting(ResourceChange::id).containsExactly("p1", "p2");
		assertThat(received).extracting(ResourceChange::type).containsOnly(ResourceChange.Type.CREATED);
		assertThat(received.get(1).newState()).isEqualTo(new Pin("p2", "color-2"));
	}

	@Test
	void theStreamsStopCompletesEverySubscriptionAndReleasesItsShard() throws Exception {
		Recorder waiting = new Recorder(1);
		Recorder other = new Recorder(Long.MAX_VALUE);
		ReactiveChangeFluxes.of(this.dispatcher, Pin.class).subscribe(waiting);
		ReactiveChangeFluxes.of(this.dispatcher, Pin.class).subscribe(other);
		Thread shard = deliverInBackground(List.of(record("p1", 1), record("p2", 2)));
		awaitWaiting(shard);

		this.dispatcher.endSubscriptions();

		shard.join(5_000);
		assertThat(shard.isAlive()).isFalse();
		assertThat(waiting.completed).isTrue();
		assertThat(other.completed).isTrue();
		assertThat(waiting.ids).containsExactly("p1");
		Recorder late = new Recorder(Long.MAX_VALUE);
		ReactiveChangeFluxes.of(this.dispatcher, Pin.class).subscribe(late);
		assertThat(late.completed).as("a subscription while the stream is stopped completes at once").isTrue();
		this.dispatcher.reopenSubscriptions();
		Recorder reopened = new Recorder(Long.MAX_VALUE);
		ReactiveChangeFluxes.of(this.dispatcher, Pin.class).subscribe(reopened);
		this.dispatcher.deliver("shard", List.of(record("p3", 3)));
		assertThat(reopened.completed).isFalse();
		assertThat(reopened.ids).containsExactly("p3");
	}

	@Test
	void awaitsTheRecordsOfEachShardBeingHandled() throws Exception {
		this.dispatcher.deliver("shard-a", List.of(record("p1", 1), record("p2", 2)));
		assertThat(this.dispatcher.handledThrough("shard-a")).isEqualTo(String.format("%021d", 2));
		assertThat(this.dispatcher.handledThrough("shard-b")).isNull();
		Map<String, String> targets = Map.of("shard-a", String.format("%021d", 2), "shard-b",
				String.format("%021d", 10));

		assertThat(this.dispatcher.awaitHandled(targets, System.nanoTime() + 50_000_000L))
			.containsOnlyKeys("shard-b");
		Thread shard = new Thread(() -> {
			try {
				Thread.sleep(100);
				this.dispatcher.deliver("shard-b", List.of(record("p9", 9), record("p10", 10)));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		shard.start();
		assertThat(this.dispatcher.awaitHandled(targets, System.nanoTime() + 5_000_000_000L)).isEmpty();
		shard.join(5_000);
	}

	private Thread deliverInBackground(List<Record> records) {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread shard = new Thread(() -> {
			try {
				this.dispatcher.deliver("shard", records);
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		});
		shard.start();
		return shard;
	}

	private static void awaitWaiting(Thread shard) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (shard.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		assertThat(shard.getState()).isEqualTo(Thread.State.WAITING);
	}

	private Record record(String id, int sequence) {
		Map<String, AttributeValue> item = new HashMap<>(
				this.converter.writeBody(new Pin(id, "color-" + sequence), Instant.EPOCH, Instant.EPOCH));
		item.put("pk", AttributeValue.fromS("Pin#" + id));
		item.put("sk", AttributeValue.fromS("Pin#" + id));
		return Record.builder()
			.eventName(OperationType.INSERT)
			.dynamodb(StreamRecord.builder()
				.keys(Map.of("pk", item.get("pk"), "sk", item.get("sk")))
				.newImage(item)
				.sequenceNumber(String.format("%021d", sequence))
				.approximateCreationDateTime(Instant.now())
				.build())
			.build();
	}

	/** Requests a number of changes at subscription and records their ids. */
	private static final class Recorder extends BaseSubscriber<ResourceChange<Pin>> {

		private final List<String> ids = new CopyOnWriteArrayList<>();

		private volatile boolean completed;

		private final long initial;

		Recorder(long initial) {
			this.initial = initial;
		}

		@Override
		protected void hookOnSubscribe(Subscription subscription) {
			subscription.request(this.initial);
		}

		@Override
		protected void hookOnNext(ResourceChange<Pin> change) {
			this.ids.add(change.id());
		}

		@Override
		protected void hookOnComplete() {
			this.completed = true;
		}

	}

	@SingleTableEntity
	record Pin(@Id String id, String color) {
	}

}
