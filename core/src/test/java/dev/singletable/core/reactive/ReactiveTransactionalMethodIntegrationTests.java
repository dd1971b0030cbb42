package dev.singletable.core.reactive;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.SingleTableTransactionManager;
import dev.singletable.core.SingleTableTransactional;
import dev.singletable.core.TransactionCancelledException;
import dev.singletable.core.reactive.TransactionBehaviourSuite.Stock;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.RequestCounter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code @Transactional} on service methods returning {@code Mono} in a Spring context: the reactive template's
 * writes of the method join one {@code TransactWriteItems} sent when the returned {@code Mono} completes, and none
 * when it fails. Spring picks the transaction manager by name or by type, not by the method's return type: with the
 * reactive manager alone plain {@code @Transactional} uses it; beside a blocking one, plain {@code @Transactional}
 * finds two and fails, a blocking manager named instead has the reactive writes called inside it refused, and {@link ReactiveSingleTableTransactional @ReactiveSingleTableTransactional} selects it by
 * name.
 */
class ReactiveTransactionalMethodIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private static final RequestCounter requests = new RequestCounter();

	private static DynamoDbAsyncClient client;

	@BeforeAll
	static void startClient() {
		client = DynamoDbLocal.newAsyncClient(requests);
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	@Test
	void aTransactionalMethodReturningMonoCommitsItsWritesAsOneTransactWriteItems() {
		try (AnnotationConfigApplicationContext context = context(ReactiveOnly.class)) {
			Orders orders = context.getBean(Orders.class);
			requests.reset();

			List<Stock> placed = orders.place("order", 5).block();

			assertThat(placed).hasSize(5);
			assertThat(requests.operations()).containsExactly("TransactWriteItems");
			assertThat(requests.sent(TransactWriteItemsRequest.class).get(0).transactItems()).hasSize(5);
			ReactiveSingleTableTemplate template = context.getBean(ReactiveSingleTableTemplate.class);
			assertThat(template.getById(Stock.class, "order-4").block().count()).isEqualTo(4);
		}
	}

	@Test
	void aTransactionalMethodWhosePublisherFailsWritesNothing() {
		try (AnnotationConfigApplicationContext context = context(ReactiveOnly.class)) {
			Orders orders = context.getBean(Orders.class);
			requests.reset();

			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> orders.placeThenFail("failed").block())
				.withMessage("no stock left");

			assertThat(requests.operations()).isEmpty();
			ReactiveSingleTableTemplate template = context.getBean(ReactiveSingleTableTemplate.class);
			assertThat(template.findById(Stock.class, "failed-0").block()).isNull();
		}
	}

	@Test
	void aCancelledCommitOfATransactionalMethodFailsNamingTheItem() {
		try (AnnotationConfigApplicationContext context = context(ReactiveOnly.class)) {
			Orders orders = context.getBean(Orders.class);
			ReactiveSingleTableTemplate template = context.getBean(ReactiveSingleTableTemplate.class);
			template.create(new Stock("taken-1", 1)).block();
			requests.reset();

			TransactionCancelledException ex = TransactionBehaviourSuite
				.cancellation(() -> orders.place("taken", 3).block());

			assertThat(ex.getFailures()).singleElement().satisfies((failure) -> {
				assertThat(failure.index()).isEqualTo(1);
				assertThat(failure.id()).isEqualTo("taken-1");
				assertThat(failure.reason()).isEqualTo(TransactionCancelledException.Reason.ALREADY_EXISTS);
			});
			assertThat(template.findById(Stock.class, "taken-0").block()).isNull();
		}
	}

	@Test
	void besideABlockingManagerTheReactiveOneIsSelectedByName() {
		try (AnnotationConfigApplicationContext context = context(BothManagers.class)) {
			Orders orders = context.getBean(Orders.class);
			requests.reset();

			assertThat(orders.placeByName("named", 3).block()).hasSize(3);

			assertThat(requests.operations()).containsExactly("TransactWriteItems");
			// Spring looks the default manager up by type, whatever the method returns: two candidates
			assertThatExceptionOfType(NoUniqueBeanDefinitionException.class)
				.isThrownBy(() -> orders.place("ambiguous", 1).block());
			// and runs a blocking manager around the call only, whose transaction reactive writes can never join: a
			// write called inside it is refused, nothing sent (Spring Boot refuses such a method at start-up) ...
			requests.reset();
			assertThatExceptionOfType(IllegalTransactionStateException.class)
				.isThrownBy(() -> orders.placeThenFailInBlockingTransaction("refused").block())
				.withMessageContaining("inside a blocking singletable transaction");
			assertThat(requests.operations()).isEmpty();
			ReactiveSingleTableTemplate template = context.getBean(ReactiveSingleTableTemplate.class);
			assertThat(template.findById(Stock.class, "refused-0").block()).isNull();
			// ... but writes the publisher makes once subscribed, after the blocking transaction ended, are out of
			// the guard's reach: sent at once, one by one
			requests.reset();
			assertThat(orders.placeInBlockingTransaction("blocking", 2).block()).hasSize(2);
			assertThat(requests.operations()).containsExactly("PutItem", "PutItem");
		}
	}

	private static AnnotationConfigApplicationContext context(Class<?> configuration) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		// the class's client, shared by its tests: not closed with each context (an AutoCloseable bean otherwise is),
		// which would stop the SDK's retry scheduler and fail the next test's first retried request
		context.registerBean(DynamoDbAsyncClient.class, () -> client,
				(definition) -> definition.setDestroyMethodName(""));
		context.registerBean("tableName", String.class, dynamo::tableName);
		context.register(configuration, Orders.class);
		context.refresh();
		return context;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableTransactionManagement
	static class ReactiveOnly {

		@Bean
		ReactiveSingleTableDatabaseFactory reactiveSingleTableDatabaseFactory(DynamoDbAsyncClient client,
				String tableName) {
			return ReactiveSingleTableDatabaseFactory.create(client, tableName);
		}

		@Bean
		ReactiveSingleTableTemplate reactiveSingleTableTemplate(ReactiveSingleTableDatabaseFactory factory,
				String tableName) {
			return new ReactiveSingleTableTemplate(factory,
					new ReactiveSingleTableTemplate(client, tableName).getConverter());
		}

		@Bean(ReactiveSingleTableTransactionManager.BEAN_NAME)
		ReactiveSingleTableTransactionManager reactiveSingleTableTransactionManager(
				ReactiveSingleTableDatabaseFactory factory) {
			return new ReactiveSingleTableTransactionManager(factory);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BothManagers extends ReactiveOnly {

		@Bean(SingleTableTransactionManager.BEAN_NAME)
		SingleTableTransactionManager singleTableTransactionManager(String tableName) {
			return new SingleTableTransactionManager(
					new SingleTableTemplate(dynamo.client(), tableName).getDatabaseFactory());
		}

	}

	/** A service writing through the reactive template in transactional methods. */
	static class Orders {

		private final ReactiveSingleTableTemplate template;

		Orders(ReactiveSingleTableTemplate template) {
			this.template = template;
		}

		@Transactional
		public Mono<List<Stock>> place(String prefix, int count) {
			return Flux.range(0, count).concatMap((i) -> this.template.create(new Stock(prefix + "-" + i, i))).collectList();
		}

		@Transactional
		public Mono<Void> placeThenFail(String prefix) {
			return this.template.create(new Stock(prefix + "-0", 0))
				.then(this.template.create(new Stock(prefix + "-1", 1)))
				.then(Mono.error(new IllegalStateException("no stock left")));
		}

		@ReactiveSingleTableTransactional
		public Mono<List<Stock>> placeByName(String prefix, int count) {
			return place(prefix, count);
		}

		@SingleTableTransactional
		public Mono<Void> placeThenFailInBlockingTransaction(String prefix) {
			return placeThenFail(prefix);
		}

		@SingleTableTransactional
		public Mono<List<Stock>> placeInBlockingTransaction(String prefix, int count) {
			return place(prefix, count);
		}

	}

}
