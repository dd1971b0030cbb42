package dev.singletable.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.test.BackgroundCleanups;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.RequestCounter;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prunes of one resource's back-to-back updates run one after the other on both APIs (issue 52): the probe of
 * an update's prune never sees the version the previous update's prune is still deleting, so the steady state of a
 * resource at {@code maxVersions} is one probe and one delete per update, never a trim. The interleaving is forced
 * with an interceptor in front of DynamoDB Local that holds the previous prune's {@code DeleteItem} until the next
 * update has answered.
 */
class VersionPruneOrderIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private final RequestCounter requests = new RequestCounter();

	private final HeldDelete held = new HeldDelete();

	private final DynamoDbClient client = DynamoDbLocal.newClient(this.requests, this.held);

	private final DynamoDbAsyncClient asyncClient = DynamoDbLocal.newAsyncClient(this.requests, this.held);

	@AfterEach
	void closeClients() {
		this.held.release();
		BackgroundCleanups.await();
		this.client.close();
		this.asyncClient.close();
	}

	@ParameterizedTest
	@EnumSource(Api.class)
	void theProbeOfAnUpdatesPruneWaitsForThePreviousPruneOfTheResource(Api api) throws InterruptedException {
		UnaryOperator<Note> create = creator(api);
		UnaryOperator<Note> update = updater(api);
		Note note = atVersionFour(create, update);
		String pk = "Note#" + note.id();
		BackgroundCleanups.await();
		assertThat(dynamo.sortKeys(pk)).containsExactly("v0", "v3", "v4");
		this.requests.reset();

		// v5's prune probes v2 and deletes v3, held before it reaches the server
		this.held.hold(pk, "v3");
		note = update.apply(note.with("5"));
		this.held.awaitArrival();
		// v6 answers while v3 is still stored: its prune (probe v3, delete v4) must wait for v5's
		Note sixth = update.apply(note.with("6"));
		assertThat(this.held.probesOf("v3")).as("probes of v3 while its delete is held").isZero();
		this.held.release();
		BackgroundCleanups.await();

		assertThat(this.held.probesOfHeldAfterItsDelete()).as("the next prune probed v3 once it was deleted").isOne();
		assertThat(this.requests.operations()).containsExactly("TransactWriteItems", "GetItem", "DeleteItem",
				"TransactWriteItems", "GetItem", "DeleteItem");
		assertThat(this.requests.sent(GetItemRequest.class)).extracting((get) -> get.key().get("sk").s())
			.containsExactly("v2", "v3");
		assertThat(this.requests.sent(DeleteItemRequest.class)).extracting((delete) -> delete.key().get("sk").s())
			.containsExactly("v3", "v4");
		assertThat(dynamo.sortKeys(pk)).containsExactly("v0", "v5", "v6");
		assertThat(sixth.version()).isEqualTo(6L);
	}

	@ParameterizedTest
	@EnumSource(Api.class)
	void aHeldPruneOfOneResourceHoldsNoPruneOfAnother(Api api) throws InterruptedException {
		UnaryOperator<Note> create = creator(api);
		UnaryOperator<Note> update = updater(api);
		Note first = atVersionFour(create, update);
		Note second = atVersionFour(create, update);
		BackgroundCleanups.await();
		String firstPk = "Note#" + first.id();
		String secondPk = "Note#" + second.id();

		this.held.hold(firstPk, "v3");
		update.apply(first.with("5"));
		this.held.awaitArrival();
		update.apply(second.with("5"));

		// the other resource's prune runs while the first one's delete is held (one thread for all prunes would
		// queue it behind the held one)
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!dynamo.sortKeys(secondPk).equals(List.of("v0", "v4", "v5")) && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(dynamo.sortKeys(secondPk)).as("the second resource pruned while the first's prune is held")
			.containsExactly("v0", "v4", "v5");
		assertThat(dynamo.sortKeys(firstPk)).containsExactly("v0", "v3", "v4", "v5");
		this.held.release();
		BackgroundCleanups.await();
		assertThat(dynamo.sortKeys(firstPk)).containsExactly("v0", "v4", "v5");
	}

	@ParameterizedTest
	@EnumSource(Api.class)
	void backToBackUpdatesCostOneProbeAndOneDeleteEach(Api api) {
		UnaryOperator<Note> create = creator(api);
		UnaryOperator<Note> update = updater(api);
		Note note = atVersionFour(create, update);
		String pk = "Note#" + note.id();
		BackgroundCleanups.await();
		this.requests.reset();

		for (int i = 5; i <= 24; i++) {
			note = update.apply(note.with(Integer.toString(i)));
		}
		BackgroundCleanups.await();

		assertThat(this.requests.count("TransactWriteItems")).isEqualTo(20);
		assertThat(this.requests.count("GetItem")).isEqualTo(20);
		assertThat(this.requests.count("DeleteItem")).isEqualTo(20);
		assertThat(this.requests.total()).as("no trim: %s", this.requests.operations()).isEqualTo(60);
		assertThat(dynamo.sortKeys(pk)).containsExactly("v0", "v23", "v24");
	}

	/** A new note updated to version 4: with {@code maxVersions = 2}, every further update prunes. */
	private static Note atVersionFour(UnaryOperator<Note> create, UnaryOperator<Note> update) {
		Note note = create.apply(new Note(null, null, null, "1"));
		for (int i = 2; i <= 4; i++) {
			note = update.apply(note.with(Integer.toString(i)));
		}
		return note;
	}

	private UnaryOperator<Note> creator(Api api) {
		if (api == Api.BLOCKING) {
			return new SingleTableTemplate(this.client, dynamo.tableName())::create;
		}
		ReactiveSingleTableTemplate template = new ReactiveSingleTableTemplate(this.asyncClient, dynamo.tableName());
		return (note) -> template.create(note).block();
	}

	private UnaryOperator<Note> updater(Api api) {
		if (api == Api.BLOCKING) {
			return new SingleTableTemplate(this.client, dynamo.tableName())::update;
		}
		ReactiveSingleTableTemplate template = new ReactiveSingleTableTemplate(this.asyncClient, dynamo.tableName());
		return (note) -> template.update(note).block();
	}

	enum Api {

		BLOCKING, REACTIVE

	}

	/**
	 * Holds one {@code DeleteItem} before it reaches the server until released, and records which probes
	 * ({@code GetItem}) of the resource were called while it was held and after it was answered.
	 */
	static final class HeldDelete implements ExecutionInterceptor {

		private volatile @Nullable String pk;

		private volatile @Nullable String sk;

		private volatile CountDownLatch arrived = new CountDownLatch(1);

		private volatile CountDownLatch released = new CountDownLatch(1);

		private volatile boolean answered;

		private final List<String> probesWhileHeld = new ArrayList<>();

		private final List<String> probesAfter = new ArrayList<>();

		void hold(String pk, String sk) {
			this.arrived = new CountDownLatch(1);
			this.released = new CountDownLatch(1);
			this.answered = false;
			this.sk = sk;
			this.pk = pk;
		}

		void awaitArrival() throws InterruptedException {
			assertThat(this.arrived.await(30, TimeUnit.SECONDS)).as("the held delete arrived").isTrue();
		}

		void release() {
			this.released.countDown();
		}

		synchronized int probesOf(String sk) {
			return (int) this.probesWhileHeld.stream().filter(sk::equals).count();
		}

		synchronized int probesOfHeldAfterItsDelete() {
			String held = this.sk;
			return (int) this.probesAfter.stream().filter((probe) -> probe.equals(held)).count();
		}

		@Override
		public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
			if (context.request() instanceof GetItemRequest get && get.key().get("pk").s().equals(this.pk)) {
				synchronized (this) {
					(this.answered ? this.probesAfter : this.probesWhileHeld).add(get.key().get("sk").s());
				}
			}
		}

		@Override
		public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
			if (isHeld(context.request())) {
				this.arrived.countDown();
				try {
					this.released.await(60, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}

		@Override
		public void afterExecution(Context.AfterExecution context, ExecutionAttributes executionAttributes) {
			if (isHeld(context.request())) {
				synchronized (this) {
					this.answered = true;
				}
			}
		}

		private boolean isHeld(SdkRequest request) {
			return request instanceof DeleteItemRequest delete && delete.key().get("pk").s().equals(this.pk)
					&& delete.key().get("sk").s().equals(this.sk);
		}

	}

	/** Carries its creation time, so that an update reads nothing: its transaction alone before the answer. */
	@SingleTableEntity(versioned = true, maxVersions = 2)
	record Note(@Id @Nullable String id, @Version @Nullable Long version, @CreatedDate @Nullable Instant createdAt,
			String text) {

		Note with(String text) {
			return new Note(this.id, this.version, this.createdAt, text);
		}

	}

}
