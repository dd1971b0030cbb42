package dev.singletable.core.reactive;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.transaction.HeuristicCompletionException;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.InvalidIsolationLevelException;
import org.springframework.transaction.NestedTransactionNotSupportedException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionTimedOutException;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import dev.singletable.core.CommitOutcomeUnknownException;
import dev.singletable.core.TransactionCancelledException;
import dev.singletable.core.TransactionCancelledException.Reason;
import dev.singletable.core.fixtures.Document;
import dev.singletable.core.fixtures.Profile;
import dev.singletable.core.fixtures.Task;
import dev.singletable.core.internal.execution.ReactiveDynamoDbExecutor;
import dev.singletable.core.internal.operation.TablePlans;
import dev.singletable.core.internal.reactive.ReactiveComponents;
import dev.singletable.core.reactive.TransactionBehaviourSuite.Stock;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.FaultInjector;
import dev.singletable.test.RequestCounter;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The reactive Spring side of transactions: {@link ReactiveSingleTableTransactionManager} through a
 * {@link TransactionalOperator}, the reactive template's writes (composed, as an application writes them) joining
 * the transaction bound in the Reactor context, Spring's propagation and synchronization rules, and the same
 * refusals as the blocking manager.
 */
class ReactiveSingleTableTransactionManagerIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private static final RequestCounter requests = new RequestCounter();

	private static final FaultInjector faults = new FaultInjector();

	private static DynamoDbAsyncClient client;

	private ReactiveSingleTableDatabaseFactory factory;

	private ReactiveSingleTableTemplate template;

	private ReactiveSingleTableTransactionManager manager;

	@BeforeAll
	static void startClient() {
		client = DynamoDbLocal.newAsyncClient(requests, faults);
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	@BeforeEach
	void setUp() {
		faults.clear();
		this.factory = ReactiveSingleTableDatabaseFactory.create(client, dynamo.tableName());
		this.template = new ReactiveSingleTableTemplate(this.factory,
				new ReactiveSingleTableTemplate(client, dynamo.tableName()).getConverter());
		this.manager = new ReactiveSingleTableTransactionManager(this.factory);
	}

	private TransactionalOperator operator() {
		return TransactionalOperator.create(this.manager);
	}

	private TransactionalOperator operator(int propagation) {
		DefaultTransactionDefinition definition = new DefaultTransactionDefinition(propagation);
		return TransactionalOperator.create(this.manager, definition);
	}

	@Test
	void aTransactionalOperatorCommitsTheComposedWritesOfTheTemplateAsOneTransactWriteItems() {
		requests.reset();

		List<Stock> created = Flux.range(0, 20)
			.flatMap((i) -> this.template.create(new Stock("op-" + i, i)))
			.collectList()
			.doOnNext((stocks) -> assertThat(requests.operations()).isEmpty())
			.as(operator()::transactional)
			.block();

		assertThat(created).hasSize(20);
		assertThat(requests.operations()).containsExactly("TransactWriteItems");
		assertThat(requests.sent(TransactWriteItemsRequest.class).get(0).transactItems()).hasSize(20);
		assertThat(this.template.getById(Stock.class, "op-19").block().count()).isEqualTo(19);
	}

	@Test
	void anErrorRollsBackNothingIsSentAndAMutableEntityIsLeftAsGiven() {
		Profile profile = new Profile("Ann");
		requests.reset();

		Mono<Profile> work = this.template.create(profile)
			.flatMap((created) -> this.template.create(new Stock("rolled-back", 1)))
			.then(Mono.<Profile>error(new IllegalStateException("the method failed")));

		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> work.as(operator()::transactional)
			.block()).withMessage("the method failed");
		assertThat(requests.operations()).isEmpty();
		assertThat(profile.getId()).isNull();
		assertThat(profile.getCreatedAt()).isNull();
		assertThat(this.template.findById(Stock.class, "rolled-back").block()).isNull();
	}

	@Test
	void aFailedConditionCancelsEveryWriteNamingTheItemAndSynchronizationsHearARollback() {
		Document document = this.template.create(Document.of("v1")).block();
		this.template.update(document.withText("someone else")).block();
		List<Integer> completions = new CopyOnWriteArrayList<>();
		requests.reset();

		Mono<Void> work = registerCompletion(completions)
			.then(this.template.create(new Stock("cancelled", 1)))
			.then(this.template.update(document.withText("stale")))
			.then();

		TransactionCancelledException ex = TransactionBehaviourSuite
			.cancellation(() -> work.as(operator()::transactional).block());

		assertThat(ex.getFailures()).singleElement().satisfies((failure) -> {
			assertThat(failure.index()).isEqualTo(1);
			assertThat(failure.operation()).isEqualTo("update");
			assertThat(failure.entityType()).isEqualTo(Document.class);
			assertThat(failure.id()).isEqualTo(document.id());
			assertThat(failure.reason()).isEqualTo(Reason.VERSION_CONFLICT);
		});
		assertThat(requests.operations()).containsExactly("TransactWriteItems");
		assertThat(completions).containsExactly(TransactionSynchronization.STATUS_ROLLED_BACK);
		assertThat(this.template.findById(Stock.class, "cancelled").block()).isNull();
	}

	@Test
	void moreThan100ItemsAreRefusedBeforeAnythingIsSent() {
		requests.reset();

		Mono<Void> work = Flux.range(0, 101).concatMap((i) -> this.template.create(new Stock("many-" + i, i))).then();

		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> work.as(operator()::transactional).block())
			.withMessageContaining("A transaction holds at most 100 items; with the create of Stock 'many-100'")
			.withMessageContaining("Nothing was sent.");
		assertThat(requests.operations()).isEmpty();
		assertThat(this.template.findById(Stock.class, "many-0").block()).isNull();
	}

	@Test
	void theWritesOfEveryTemplateOfTheFactoryJoinOneTransaction() {
		ReactiveSingleTableTemplate second = new ReactiveSingleTableTemplate(this.factory,
				new ReactiveSingleTableTemplate(client, dynamo.tableName()).getConverter());
		requests.reset();

		this.template.create(new Stock("first-template", 1))
			.then(second.create(new Stock("second-template", 2)))
			.then(second.deleteById(Stock.class, "nothing-there"))
			.as(operator()::transactional)
			.block();

		assertThat(requests.operations()).containsExactly("TransactWriteItems");
		assertThat(requests.sent(TransactWriteItemsRequest.class).get(0).transactItems()).hasSize(3);
		assertThat(second.getById(Stock.class, "first-template").block().count()).isEqualTo(1);
		assertThat(this.template.getById(Stock.class, "second-template").block().count()).isEqualTo(2);
	}

	@Test
	void writesOutsideATransactionOrOfAnotherFactoryAreSentAtOnce() {
		ReactiveSingleTableTemplate other = new ReactiveSingleTableTemplate(client, dynamo.tableName());
		requests.reset();

		this.template.create(new Stock("alone", 1)).block();
		assertThat(requests.operations()).containsExactly("PutItem");
		requests.reset();
		this.template.create(new Stock("joined", 1))
			.then(other.create(new Stock("own-factory", 1)))
			.doOnNext((stock) -> assertThat(requests.operations()).containsExactly("PutItem"))
			.as(operator()::transactional)
			.block();

		assertThat(requests.operations()).containsExactly("PutItem", "TransactWriteItems");
	}

	@Test
	void aReadOnlyTransactionRefusesEveryWrite() {
		DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
		definition.setReadOnly(true);
		definition.setName("report");
		requests.reset();

		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.template.create(new Stock("read-only", 1))
				.as(TransactionalOperator.create(this.manager, definition)::transactional)
				.block())
			.withMessage("Transaction 'report' is read-only, so the create of Stock cannot join it and nothing is "
					+ "sent. Remove readOnly = true, or write outside the transaction");
		assertThat(requests.operations()).isEmpty();
	}

	@Test
	void aReadOnlyTransactionRefusesADeleteByIdBeforeItReadsWhatItWouldDelete() {
		// a versioned resource: its delete in a transaction reads every stored item first
		Document document = this.template.create(Document.of("kept")).block();
		DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
		definition.setReadOnly(true);
		definition.setName("report");
		requests.reset();

		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.template.deleteById(Document.class, document.id())
				.as(TransactionalOperator.create(this.manager, definition)::transactional)
				.block())
			.withMessageStartingWith("Transaction 'report' is read-only, so the deleteById of Document cannot join it");
		assertThat(requests.operations()).isEmpty();
		assertThat(this.template.findById(Document.class, document.id()).block()).isNotNull();
	}

	@Test
	void nestedNeverAndIsolationAreRefusedBeforeTheWorkIsSubscribed() {
		AtomicBoolean subscribed = new AtomicBoolean();
		Mono<Void> work = Mono.fromRunnable(() -> subscribed.set(true));
		DefaultTransactionDefinition isolated = new DefaultTransactionDefinition();
		isolated.setIsolationLevel(TransactionDefinition.ISOLATION_SERIALIZABLE);

		assertThatExceptionOfType(NestedTransactionNotSupportedException.class)
			.isThrownBy(() -> work.as(operator(TransactionDefinition.PROPAGATION_NESTED)::transactional).block())
			.withMessageContaining("NESTED");
		assertThatExceptionOfType(NestedTransactionNotSupportedException.class)
			.isThrownBy(() -> work.as(operator(TransactionDefinition.PROPAGATION_NESTED)::transactional)
				.as(operator()::transactional)
				.block());
		assertThatExceptionOfType(IllegalTransactionStateException.class)
			.isThrownBy(() -> work.as(operator(TransactionDefinition.PROPAGATION_NEVER)::transactional).block())
			.withMessageContaining("Use NOT_SUPPORTED to run without a transaction");
		assertThatExceptionOfType(InvalidIsolationLevelException.class)
			.isThrownBy(() -> work.as(TransactionalOperator.create(this.manager, isolated)::transactional).block())
			.withMessageContaining("SERIALIZABLE");
		assertThat(subscribed).isFalse();
	}

	@Test
	void requiresNewCommitsOnItsOwnAndNotSupportedSendsAtOnce() {
		requests.reset();

		this.template.create(new Stock("outer", 1))
			.then(this.template.create(new Stock("inner", 1))
				.as(operator(TransactionDefinition.PROPAGATION_REQUIRES_NEW)::transactional))
			.doOnNext((inner) -> assertThat(requests.operations()).containsExactly("TransactWriteItems"))
			.then(this.template.create(new Stock("unsupported", 1))
				.as(operator(TransactionDefinition.PROPAGATION_NOT_SUPPORTED)::transactional))
			.doOnNext((sent) -> assertThat(requests.operations()).containsExactly("TransactWriteItems", "PutItem"))
			.then(this.template.create(new Stock("outer-2", 1)))
			.as(operator()::transactional)
			.block();

		assertThat(requests.operations()).containsExactly("TransactWriteItems", "PutItem", "TransactWriteItems");
		assertThat(requests.sent(TransactWriteItemsRequest.class).get(1).transactItems()).hasSize(2);
	}

	@Test
	void aParticipantThatFailedMakesTheCommitFailWithoutSending() {
		requests.reset();

		Mono<Object> work = this.template.create(new Stock("outer-kept", 1))
			.then(Mono.error(new IllegalStateException("inner failed")).as(operator()::transactional))
			.onErrorResume(IllegalStateException.class, (ex) -> Mono.empty());

		assertThatExceptionOfType(UnexpectedRollbackException.class)
			.isThrownBy(() -> work.as(operator()::transactional).block())
			.withMessageContaining("rollback-only");
		assertThat(requests.operations()).isEmpty();
	}

	@Test
	void aTransactionPastItsDeadlineSendsNothing() {
		DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
		definition.setTimeout(1);
		requests.reset();

		assertThatExceptionOfType(TransactionTimedOutException.class)
			.isThrownBy(() -> this.template.create(new Stock("late", 1))
				.delayElement(Duration.ofMillis(1100))
				.as(TransactionalOperator.create(this.manager, definition)::transactional)
				.block());
		assertThat(requests.operations()).isEmpty();
	}

	@Test
	void aLostAnswerIsAHeuristicOutcomeNamingTheTokenAndSynchronizationsHearUnknown() {
		List<Integer> completions = new CopyOnWriteArrayList<>();
		faults.failNextAfterTransmission("TransactWriteItems", 1000,
				() -> SdkClientException.builder().message("Connection reset").cause(new IOException("reset")).build());
		requests.reset();

		Mono<Void> work = registerCompletion(completions).then(this.template.create(new Stock("unknown", 1))).then();

		assertThatExceptionOfType(HeuristicCompletionException.class)
			.isThrownBy(() -> work.as(operator()::transactional).block())
			.satisfies((ex) -> {
				assertThat(ex.getOutcomeState()).isEqualTo(HeuristicCompletionException.STATE_UNKNOWN);
				assertThat(ex.getCause()).isInstanceOf(CommitOutcomeUnknownException.class);
				String token = requests.sent(TransactWriteItemsRequest.class).get(0).clientRequestToken();
				assertThat(ex.getCause().getMessage()).contains(token);
			});
		assertThat(completions).containsExactly(TransactionSynchronization.STATUS_UNKNOWN);
		faults.clear();
	}

	@Test
	void aCancelledSubscriptionRollsBackSendingNothing() throws InterruptedException {
		Profile profile = new Profile("Cancelled");
		CountDownLatch collected = new CountDownLatch(1);
		List<Integer> completions = new CopyOnWriteArrayList<>();
		requests.reset();

		Disposable subscription = registerCompletion(completions)
			.then(this.template.transaction((tx) -> tx.create(profile)
				.doOnNext((created) -> collected.countDown())
				.then(Mono.never())))
			.as(operator()::transactional)
			.subscribe();
		assertThat(collected.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(profile.getId()).isNotNull();
		subscription.dispose();

		assertThat(completions).containsExactly(TransactionSynchronization.STATUS_ROLLED_BACK);
		assertThat(requests.operations()).isEmpty();
		assertThat(profile.getId()).isNull();
	}

	@Test
	void anOperationThatCannotJoinIsRefusedInsideATransactionWithTheBlockingTemplatesMessage() {
		ReactiveComponents parts = ReactiveComponents.of(this.factory,
				new ReactiveDynamoDbExecutor(client, dynamo.tableName()),
				TablePlans.of(dynamo.tableName(), this.template.getConverter()));
		Mono<Void> refusal = parts.run(parts.assembly().putAll(List.of())).then();

		refusal.block();
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> refusal.as(operator()::transactional).block())
			.withMessage("putAll cannot join a transaction: it replaces items without condition in batches; use save "
					+ "for each entity. Call it outside the transaction.");
	}

	@Test
	void nothingIsSentBeforeTheTransactionIsSubscribed() {
		Task task = Task.of("lazy", Task.Status.OPEN, "ann", LocalDate.of(2026, 1, 5), 1);
		requests.reset();

		Mono<Void> transaction = this.template.transaction((tx) -> tx.create(task));

		assertThat(requests.operations()).isEmpty();
		transaction.block();
		assertThat(requests.operations()).containsExactly("TransactWriteItems");
	}

	@Test
	void theTemplatesTransactionJoinsTheOperatorsAndTakesOnlyAManagerOfItsFactory() {
		requests.reset();

		this.template.create(new Stock("around", 1))
			.then(this.template.transaction((tx) -> tx.create(new Stock("inside", 2))))
			.doOnSuccess((done) -> assertThat(requests.operations()).isEmpty())
			.as(operator()::transactional)
			.block();

		assertThat(requests.operations()).containsExactly("TransactWriteItems");
		assertThat(requests.sent(TransactWriteItemsRequest.class).get(0).transactItems()).hasSize(2);
		ReactiveSingleTableTransactionManager foreign = new ReactiveSingleTableTransactionManager(
				ReactiveSingleTableDatabaseFactory.create(client, dynamo.tableName()));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.template.setTransactionManager(foreign))
			.withMessageContaining("getDatabaseFactory()");
		this.template.setTransactionManager(this.manager);
	}

	private static Mono<Void> registerCompletion(List<Integer> completions) {
		return TransactionSynchronizationManager.forCurrentTransaction()
			.doOnNext((manager) -> manager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public Mono<Void> afterCompletion(int status) {
					return Mono.fromRunnable(() -> completions.add(status));
				}

			}))
			.then();
	}

}
