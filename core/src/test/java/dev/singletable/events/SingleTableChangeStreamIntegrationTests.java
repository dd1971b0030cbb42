package dev.singletable.events;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reactivestreams.Subscription;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.audit.AuditDetails;
import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.audit.AuditScope;
import dev.singletable.core.mapping.Audited;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.schema.SingleTableSchema;
import dev.singletable.events.ResourceChange.Type;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import reactor.core.publisher.BaseSubscriber;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Change events from the stream of a table on DynamoDB Local, consumed by the KCL through the DynamoDB Streams adapter
 * (issue 34, item 2): typed changes of the latest state only, old and new state read from the stored items, in order
 * per resource; the changes of an audited type with who made them and restores as such; a {@code Flux} read as it
 * requests; a failing listener retried, then dead-lettered; a table without a stream refused by name.
 */
class SingleTableChangeStreamIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension("changes", SingleTableSchema::withChangeStream);

	private static final Duration DELIVERY = Duration.ofSeconds(120);

	/** The longest the KCL's own end of a worker stopped while it starts may take: its two pool waits of 60 s each. */
	private static final Duration KCL_END = Duration.ofSeconds(150);

	private static final String LEASES = "changes-it-" + System.nanoTime();

	private final DynamoDbStreamsClient streams = DynamoDbLocal.newStreamsClient();

	private final DynamoDbAsyncClient leases = DynamoDbLocal.newAsyncClient();

	private final List<SingleTableChangeStream> started = new ArrayList<>();

	@AfterEach
	void stop() {
		this.started.forEach(SingleTableChangeStream::stop);
		this.streams.close();
		this.leases.close();
	}

	@Test
	void everyChangeOfALatestStateIsDeliveredTypedAndInOrderAndNothingElse() throws Exception {
		SingleTableTemplate template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		SingleTableChangeStream changes = stream(template, "typed");
		List<ResourceChange<Note>> notes = new CopyOnWriteArrayList<>();
		List<ResourceChange<Tag>> tags = new CopyOnWriteArrayList<>();
		List<ResourceChange<Note>> restored = new CopyOnWriteArrayList<>();
		changes.addListener(Note.class, (change) -> (change.id().equals("n2") ? restored : notes).add(change));
		changes.addListener(Tag.class, tags::add);

		Note created = template.create(new Note("n1", null, "draft"));
		Note edited = template.update(new Note("n1", created.version(), "edited"));
		template.update(new Note("n1", edited.version(), "final"));
		template.save(new Tag("t1", "red"));
		template.save(new Tag("t1", "blue"));
		template.deleteById(Note.class, "n1");
		Note second = template.create(new Note("n2", null, "first"));
		template.update(new Note("n2", second.version(), "second"));
		Note back = template.restoreVersion(Note.class, "n2", 1);
		template.update(new Note("n2", back.version(), "after the restore"));
		changes.start();

		await(() -> notes.size() >= 4 && tags.size() >= 2 && restored.size() >= 4);
		assertThat(notes).extracting(ResourceChange::type).containsExactly(Type.CREATED, Type.UPDATED, Type.UPDATED,
				Type.DELETED);
		assertThat(notes).extracting(ResourceChange::version).containsExactly(1L, 2L, 3L, 3L);
		assertThat(notes).extracting((change) -> change.oldState() == null ? null : change.oldState().text())
			.containsExactly(null, "draft", "edited", "final");
		assertThat(notes).extracting((change) -> change.newState() == null ? null : change.newState().text())
			.containsExactly("draft", "edited", "final", null);
		assertThat(notes).extracting(ResourceChange::id).containsOnly("n1");
		assertThat(notes).extracting(ResourceChange::idempotencyKey)
			.containsExactly("Note#n1#v1", "Note#n1#v2", "Note#n1#v3", "Note#n1#v3");
		assertThat(tags).extracting(ResourceChange::type).containsExactly(Type.CREATED, Type.UPDATED);
		assertThat(tags.get(1).oldState()).isEqualTo(new Tag("t1", "red"));
		assertThat(tags.get(1).newState()).isEqualTo(new Tag("t1", "blue"));
		// a restore of a compressed type is one: its latest item says so, until the next write
		assertThat(restored).extracting(ResourceChange::type).containsExactly(Type.CREATED, Type.UPDATED, Type.RESTORED,
				Type.UPDATED);
		assertThat(restored.get(2).newState()).isEqualTo(new Note("n2", 3L, "first"));
		assertThat(restored.get(2).oldState()).isEqualTo(new Note("n2", 2L, "second"));
		assertThat(restored).extracting(ResourceChange::changedBy).containsOnlyNulls();
		assertThat(changes.getDeliveredCount()).isEqualTo(10);
		assertThat(changes.getDeadLetteredCount()).isZero();
	}

	@Test
	void aFailingListenerIsCalledAgainAndAfterItsLastAttemptTheChangeIsDeadLettered() throws Exception {
		SingleTableTemplate template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		SingleTableChangeStream changes = stream(template, "failing");
		changes.setRetry(3, Duration.ofMillis(10), Duration.ofMillis(40));
		List<ChangeDeadLetterHandler.DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
		changes.setDeadLetterHandler(deadLetters::add);
		Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
		List<String> delivered = new CopyOnWriteArrayList<>();
		changes.addListener(Tag.class, "tag indexer", (change) -> {
			if (!List.of("flaky", "broken", "fine").contains(change.id())) {
				return;
			}
			int call = calls.computeIfAbsent(change.id(), (id) -> new AtomicInteger()).incrementAndGet();
			if (change.id().equals("broken") || (change.id().equals("flaky") && call < 3)) {
				throw new IllegalStateException("index down for " + change.id());
			}
			delivered.add(change.id());
		});

		template.save(new Tag("flaky", "a"));
		template.save(new Tag("broken", "b"));
		template.save(new Tag("fine", "c"));
		changes.start();

		await(() -> delivered.contains("fine"));
		assertThat(delivered).containsExactly("flaky", "fine");
		assertThat(calls.get("flaky")).hasValue(3);
		assertThat(calls.get("broken")).hasValue(3);
		assertThat(deadLetters).singleElement().satisfies((deadLetter) -> {
			assertThat(deadLetter.change().id()).isEqualTo("broken");
			assertThat(deadLetter.key()).isEqualTo("Tag#broken / Tag#broken");
			assertThat(deadLetter.listener()).isEqualTo("tag indexer");
			assertThat(deadLetter.attempts()).isEqualTo(3);
			assertThat(deadLetter.failure()).hasMessage("index down for broken");
		});
		assertThat(changes.getRetriedCount()).isEqualTo(4);
		assertThat(changes.getDeadLetteredCount()).isOne();
	}

	@Test
	void theChangesOfAnAuditedTypeSayWhoMadeThemAndARestoreIsReportedAsSuch() throws Exception {
		SingleTableTemplate template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		SingleTableChangeStream changes = stream(template, "audited");
		List<ResourceChange<Ledger>> ledgers = new CopyOnWriteArrayList<>();
		changes.addListener(Ledger.class, ledgers::add);

		Ledger created = AuditScope.call(AuditDetails.changedBy("ann"), () -> template.create(new Ledger("l1", null, 1)));
		Ledger edited = AuditScope.call(AuditDetails.changedBy("bob").with("reason", "fix"),
				() -> template.update(new Ledger("l1", created.version(), 2)));
		template.update(new Ledger("l1", edited.version(), 3));
		AuditScope.call(AuditDetails.changedBy("cy"), () -> template.restoreVersion(Ledger.class, "l1", 1));
		AuditScope.run(AuditDetails.changedBy("dee"), () -> template.deleteById(Ledger.class, "l1"));
		changes.start();

		await(() -> ledgers.size() >= 5);
		assertThat(ledgers).extracting(ResourceChange::type)
			.containsExactly(Type.CREATED, Type.UPDATED, Type.UPDATED, Type.RESTORED, Type.DELETED);
		assertThat(ledgers).extracting(ResourceChange::changedBy).containsExactly("ann", "bob", null, "cy", "dee");
		assertThat(ledgers).extracting(ResourceChange::version).containsExactly(1L, 2L, 3L, 4L, 4L);
		assertThat(ledgers.get(1).auditEntry().metadata().get("reason").asString()).isEqualTo("fix");
		assertThat(ledgers.get(3).newState().balance()).isEqualTo(1);
		assertThat(ledgers.get(3).auditEntry().isRestore()).isTrue();
		assertThat(ledgers.get(3).auditEntry().metadata().get(AuditEntry.RESTORED_FROM_VERSION).asLong()).isOne();
		assertThat(ledgers.get(2).auditEntry()).isNotNull();
		assertThat(ledgers.get(2).auditEntry().isRestore()).isFalse();
	}

	@Test
	void aFluxReceivesTheChangesOfItsTypeAsItRequestsThemAndAListenerAfterItWaitsForIt() throws Exception {
		SingleTableTemplate template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		SingleTableChangeStream changes = stream(template, "flux");
		List<String> received = new CopyOnWriteArrayList<>();
		AtomicReference<Subscription> subscription = new AtomicReference<>();
		new ReactiveSingleTableChangeStream(changes).changes(Label.class).filter((change) -> change.id().startsWith("flux-")).subscribe(new BaseSubscriber<>() {

			@Override
			protected void hookOnSubscribe(Subscription started) {
				subscription.set(started);
				started.request(1);
			}

			@Override
			protected void hookOnNext(ResourceChange<Label> change) {
				received.add(change.id() + "=" + change.newState().color());
			}

		});
		List<String> after = new CopyOnWriteArrayList<>();
		changes.addListener(Label.class, (change) -> after.add(change.id()));

		template.save(new Label("flux-1", "red"));
		template.save(new Label("flux-2", "green"));
		template.save(new Label("flux-3", "blue"));
		changes.start();

		await(() -> received.size() >= 1);
		Thread.sleep(1000);
		assertThat(received).containsExactly("flux-1=red");
		assertThat(after).doesNotContain("flux-2", "flux-3");
		subscription.get().request(Long.MAX_VALUE);
		await(() -> after.contains("flux-3"));
		assertThat(received).containsExactly("flux-1=red", "flux-2=green", "flux-3=blue");

		subscription.get().cancel();
		template.save(new Label("flux-4", "grey"));
		await(() -> after.contains("flux-4"));
		assertThat(received).hasSize(3);
	}

	@Test
	void aWorkerStoppedWhileItStartsHoldsNoLeaseAndStopsWithoutWaitingForTheKcl() throws Exception {
		// the KCL's requests to its lease table wait until the test ends: the worker is built and its scheduler runs,
		// still starting, with no lease, when it is stopped (as a context closed right after it started)
		CountDownLatch reached = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		try (DynamoDbAsyncClient leases = DynamoDbLocal.newAsyncClient(holding((operation) -> !"CreateTable"
			.equals(operation), reached, release))) {
			SingleTableChangeStream changes = new SingleTableChangeStream(
					new SingleTableTemplate(dynamo.client(), dynamo.tableName()), this.streams, leases);
			changes.setLeaseTableName("changes-stopped-" + System.nanoTime());
			changes.setShutdownTimeout(Duration.ofMinutes(10));
			changes.start();
			try {
				assertThat(reached.await(60, TimeUnit.SECONDS)).isTrue();
				assertTimeoutPreemptively(Duration.ofSeconds(60), () -> changes.stop());
				assertThat(changes.isRunning()).isFalse();
			}
			finally {
				release.countDown();
			}
		}
	}

	@Test
	void aWorkerClosesTheLeaseClientItMadeOnlyOnceTheKclHasEndedIt() throws Exception {
		// as an application context does: each start makes its client; the KCL's end of a worker stopped while it
		// starts outlasts the stop (its requests wait here), and the client stays open for it until it has ended
		CountDownLatch reached = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch closed = new CountDownLatch(1);
		AtomicInteger made = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		SingleTableChangeStream changes = new SingleTableChangeStream(
				new SingleTableTemplate(dynamo.client(), dynamo.tableName()), this.streams, () -> {
					made.incrementAndGet();
					return closeCounting(DynamoDbLocal.newAsyncClient(
							holding((operation) -> !"CreateTable".equals(operation), reached, release),
							failureCounting(failed)), closed);
				});
		changes.setLeaseTableName("changes-own-client-" + System.nanoTime());
		changes.setShutdownTimeout(Duration.ofMinutes(10));
		changes.start();
		try {
			assertThat(reached.await(60, TimeUnit.SECONDS)).isTrue();
			assertTimeoutPreemptively(Duration.ofSeconds(60), () -> changes.stop());
			assertThat(changes.isRunning()).isFalse();
			assertThat(closed.getCount()).as("the lease client is closed while the KCL still uses it").isOne();
		}
		finally {
			release.countDown();
		}
		// the KCL's end of such a worker can take minutes, not our code: its shutdown waits up to 60 s for its lease
		// assignment pool (whose leader lock attempt sleeps 30 s between tries), then up to 60 s for its worker metrics
		// pool; 51-57 s were measured on a quiet machine, more than 60 s in a CI run
		assertThat(closed.await(KCL_END.toSeconds(), TimeUnit.SECONDS)).as("the lease client is closed once the KCL ended")
			.isTrue();
		assertThat(made).hasValue(1);
		assertThat(failed).as("requests failed on a closed lease client").hasValue(0);
	}

	/** A client that counts down a latch when it is closed, and closes the given one. */
	private static DynamoDbAsyncClient closeCounting(DynamoDbAsyncClient client, CountDownLatch closed) {
		return (DynamoDbAsyncClient) Proxy.newProxyInstance(DynamoDbAsyncClient.class.getClassLoader(),
				new Class<?>[] { DynamoDbAsyncClient.class }, (proxy, method, arguments) -> {
					if (method.getName().equals("close") && method.getParameterCount() == 0) {
						closed.countDown();
					}
					try {
						return method.invoke(client, arguments);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

	private static ExecutionInterceptor failureCounting(AtomicInteger failed) {
		return new ExecutionInterceptor() {

			@Override
			public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
				// what a request sent on a closed client fails with: its executor rejects it, or its pool is closed
				for (Throwable cause = context.exception(); cause != null; cause = cause.getCause()) {
					if (cause instanceof RejectedExecutionException || String.valueOf(cause.getMessage())
						.matches("(?is).*(closed|shut ?down).*")) {
						failed.incrementAndGet();
						return;
					}
				}
			}

		};
	}

	@Test
	void startReturnsBeforeTheWorkerIsBuiltAndAWorkerStoppedMeanwhileNeverRuns() throws Exception {
		// the lease table's creation, the first thing the worker's thread does on DynamoDB Local, waits on a latch
		CountDownLatch reached = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger afterCreation = new AtomicInteger();
		try (DynamoDbAsyncClient leases = DynamoDbLocal.newAsyncClient(holding("CreateTable"::equals, reached, release),
				counting((operation) -> !"CreateTable".equals(operation), afterCreation))) {
			SingleTableChangeStream changes = new SingleTableChangeStream(
					new SingleTableTemplate(dynamo.client(), dynamo.tableName()), this.streams, leases);
			String leaseTable = "changes-built-" + System.nanoTime();
			changes.setLeaseTableName(leaseTable);
			assertTimeoutPreemptively(Duration.ofSeconds(30), () -> changes.start());
			assertThat(changes.isRunning()).isTrue();
			assertThat(reached.await(60, TimeUnit.SECONDS)).isTrue();
			Thread worker = Thread.getAllStackTraces()
				.keySet()
				.stream()
				.filter((thread) -> thread.getName().equals("singletable-changes-" + leaseTable))
				.findFirst()
				.orElseThrow();

			assertTimeoutPreemptively(Duration.ofSeconds(5), () -> changes.stop());
			assertThat(changes.isRunning()).isFalse();
			release.countDown();
			// the worker's thread finishes building, sees the stop and ends without running the scheduler
			worker.join(Duration.ofSeconds(60).toMillis());
			assertThat(worker.isAlive()).isFalse();
			assertThat(afterCreation).hasValue(0);
		}
	}

	@Test
	void aWorkerThatCannotBeBuiltEndsAndIsNotRunning() throws Exception {
		try (DynamoDbAsyncClient leases = DynamoDbLocal.newAsyncClient(new ExecutionInterceptor() {

			@Override
			public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
				if ("CreateTable".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
					throw new IllegalStateException("no permission to create the lease table (injected)");
				}
			}

		})) {
			SingleTableChangeStream changes = new SingleTableChangeStream(
					new SingleTableTemplate(dynamo.client(), dynamo.tableName()), this.streams, leases);
			changes.setLeaseTableName("changes-unbuilt-" + System.nanoTime());
			changes.start();
			await(() -> !changes.isRunning());

			assertThat(changes.isRunning()).isFalse();
		}
	}

	/** Holds the requests of the matching operations on a latch, counting down another when the first arrives. */
	private static ExecutionInterceptor holding(Predicate<String> operations, CountDownLatch reached,
			CountDownLatch release) {
		return new ExecutionInterceptor() {

			@Override
			public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
				if (operations.test(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
					reached.countDown();
					try {
						release.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
			}

		};
	}

	private static ExecutionInterceptor counting(Predicate<String> operations, AtomicInteger count) {
		return new ExecutionInterceptor() {

			@Override
			public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
				if (operations.test(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
					count.incrementAndGet();
				}
			}

		};
	}

	@Test
	void aTableWithoutAStreamIsRefusedByName() {
		SingleTableSchema.standard("changes-without-stream").createIfMissing(dynamo.rawClient());
		SingleTableTemplate template = new SingleTableTemplate(dynamo.client(), "changes-without-stream");
		SingleTableChangeStream changes = new SingleTableChangeStream(template, this.streams, this.leases);

		assertThatIllegalStateException().isThrownBy(changes::start)
			.withMessageContaining("Table 'changes-without-stream' has no stream")
			.withMessageContaining("NEW_AND_OLD_IMAGES");
		assertThat(SingleTableSchema.standard("changes-without-stream").withChangeStream()
			.findProblems(dynamo.rawClient())).singleElement().asString().contains("has no stream");
	}

	private SingleTableChangeStream stream(SingleTableTemplate template, String name) {
		SingleTableChangeStream changes = new SingleTableChangeStream(template, this.streams, this.leases);
		// one lease table for the class: each test's worker starts from the checkpoint of the one before, so it
		// receives the changes of its own test only, and only the first pays the KCL's wait on an empty lease table
		changes.setLeaseTableName(LEASES);
		changes.setFailoverTime(Duration.ofSeconds(5));
		changes.setPollInterval(Duration.ofMillis(100));
		this.started.add(changes);
		return changes;
	}

	private static void await(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + DELIVERY.toNanos();
		while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
	}

	@SingleTableEntity(versioned = true)
	record Note(@Id String id, @Version Long version, String text) {
	}

	@SingleTableEntity
	record Tag(@Id String id, String color) {
	}

	/** Written by one test only: the table's clean-up after the others deletes their items, which are changes too. */
	@SingleTableEntity
	record Label(@Id String id, String color) {
	}

	@Audited
	@SingleTableEntity(versioned = true)
	record Ledger(@Id String id, @Version Long version, int balance) {
	}

}
