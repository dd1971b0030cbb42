package dev.singletable.autoconfigure.transaction;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.SingleTableDynamoDbClientBuilderCustomizer;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.data.SingleTableRepositoriesAutoConfiguration;
import dev.singletable.autoconfigure.transaction.events.EventsApplication;
import dev.singletable.autoconfigure.transaction.events.Parcel;
import dev.singletable.autoconfigure.transaction.events.ParcelRepository;
import dev.singletable.core.TransactionCancelledException;
import dev.singletable.test.RequestCounter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Issue 14 checked from outside a second time: Spring Data domain events of repository writes inside singletable
 * transactions. The repository proxy publishes them as its method returns, inside the transaction (as with every
 * Spring Data store): plain listeners run at once and see the store without the pending write,
 * {@code @TransactionalEventListener}s run after DynamoDB accepted the transaction, or after its rollback.
 */
class Issue14DomainEventsCheckTests {

	private static final String TABLE = TestTables.uniqueName("tx-events");

	private static final List<String> WRITES = List.of("TransactWriteItems", "PutItem", "UpdateItem", "DeleteItem",
			"BatchWriteItem");

	private final RequestCounter requests = new RequestCounter();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, SingleTableAutoConfiguration.class,
				SingleTableRepositoriesAutoConfiguration.class, SingleTableTransactionManagerAutoConfiguration.class))
		.withUserConfiguration(EventsApplication.class)
		.withBean(SingleTableDynamoDbClientBuilderCustomizer.class,
				() -> (builder) -> builder.overrideConfiguration((config) -> config.addExecutionInterceptor(this.requests)))
		.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing",
				"singletable.table-name=" + TABLE);

	@Test
	void domainEventsOfATransactionReachTransactionalListenersOnlyAfterTheCommitOrTheRollback() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			EventsApplication.Shipping shipping = context.getBean(EventsApplication.Shipping.class);
			EventsApplication.Listener listener = context.getBean(EventsApplication.Listener.class);
			ParcelRepository parcels = context.getBean(ParcelRepository.class);
			this.requests.reset();

			List<Parcel> shipped = shipping.ship(List.of(new Parcel("p1", null, "packed"), new Parcel("p2", null, "packed")),
					false);

			assertThat(writes()).isEqualTo(1);
			assertThat(shipped).extracting(Parcel::version).containsExactly(1L, 1L);
			// published once saveAll returned, before the commit; the transactional listeners after it
			assertThat(listener.drain()).containsExactly("at once p1 packed missing", "at once p2 packed missing",
					"committed p1 packed stored packed", "committed p2 packed stored packed");

			this.requests.reset();
			assertThatIllegalStateException()
				.isThrownBy(() -> shipping.ship(List.of(shipped.get(0).withState("lost")), true));
			assertThat(writes()).isZero();
			assertThat(listener.drain()).containsExactly("at once p1 lost stored packed",
					"rolled back p1 lost stored packed");

			// a transaction DynamoDB cancels at the commit is a rollback for the listeners too
			parcels.save(shipped.get(1).withState("moved"));
			listener.drain();
			this.requests.reset();
			assertThatExceptionOfType(TransactionCancelledException.class)
				.isThrownBy(() -> shipping.ship(List.of(shipped.get(0).withState("sent"), shipped.get(1).withState("sent")),
						false));
			assertThat(listener.drain()).containsExactly("at once p1 sent stored packed", "at once p2 sent stored moved",
					"rolled back p1 sent stored packed", "rolled back p2 sent stored moved");
			assertThat(parcels.findById("p1").orElseThrow().state()).isEqualTo("packed");

			// deletes publish too, and their transactional listeners see the parcel gone
			shipping.discard(List.of(parcels.findById("p1").orElseThrow()));
			assertThat(listener.drain()).containsExactly("at once p1 packed stored packed", "committed p1 packed missing");
		});
	}

	private long writes() {
		return this.requests.operations().stream().filter(WRITES::contains).count();
	}

}
