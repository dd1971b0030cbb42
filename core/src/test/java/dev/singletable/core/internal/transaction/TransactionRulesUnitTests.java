package dev.singletable.core.internal.transaction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.InvalidIsolationLevelException;
import org.springframework.transaction.NestedTransactionNotSupportedException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.ResourceHolderSupport;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import dev.singletable.core.SingleTableDatabaseFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a singletable transaction refuses, and how it says so, without a server: the definitions either manager
 * refuses before it begins, the writes a read-only transaction and a bound transaction refuse, and the refusal of a
 * reactive write on a thread holding a blocking transaction, read from Spring's synchronization.
 */
class TransactionRulesUnitTests {

	/** A client that is never called: the factory is only the key a transaction is bound under. */
	private static final DynamoDbClient CLIENT = DynamoDbClient.builder()
		.region(Region.US_EAST_1)
		.credentialsProvider(AnonymousCredentialsProvider.create())
		.build();

	private final SingleTableDatabaseFactory factory = SingleTableDatabaseFactory.create(CLIENT, "orders");

	@AfterEach
	void unbind() {
		if (TransactionSynchronizationManager.hasResource(this.factory)) {
			TransactionSynchronizationManager.unbindResource(this.factory);
		}
	}

	@Test
	void aNestedTransactionIsRefusedNamingTheTransactionAndWhatToUseInstead() {
		DefaultTransactionDefinition nested = definition(TransactionDefinition.PROPAGATION_NESTED);
		nested.setName("OrderService.place");

		assertThatExceptionOfType(NestedTransactionNotSupportedException.class)
			.isThrownBy(() -> TransactionRules.checkBegin(nested))
			.withMessageContaining("Transaction 'OrderService.place' uses propagation NESTED")
			.withMessageContaining("no savepoints")
			.withMessageContaining("REQUIRES_NEW");
	}

	@Test
	void anIsolationOtherThanTheDefaultIsRefusedByName() {
		DefaultTransactionDefinition serializable = definition(TransactionDefinition.PROPAGATION_REQUIRED);
		serializable.setIsolationLevel(TransactionDefinition.ISOLATION_SERIALIZABLE);

		assertThatExceptionOfType(InvalidIsolationLevelException.class)
			.isThrownBy(() -> TransactionRules.checkBegin(serializable))
			.withMessageStartingWith("Transaction asks for isolation SERIALIZABLE")
			.withMessageContaining("Remove the isolation attribute");
	}

	@Test
	void theSupportedDefinitionsBegin() {
		for (int propagation : new int[] { TransactionDefinition.PROPAGATION_REQUIRED,
				TransactionDefinition.PROPAGATION_REQUIRES_NEW, TransactionDefinition.PROPAGATION_SUPPORTS,
				TransactionDefinition.PROPAGATION_NOT_SUPPORTED, TransactionDefinition.PROPAGATION_MANDATORY }) {
			assertThatCode(() -> TransactionRules.checkBegin(definition(propagation))).doesNotThrowAnyException();
			assertThatCode(() -> TransactionRules.refuseNever(definition(propagation))).doesNotThrowAnyException();
		}
	}

	@Test
	void aTemplateRefusesTheTransactionManagerOfAnotherDatabaseFactoryNamingBoth() {
		SingleTableDatabaseFactory other = SingleTableDatabaseFactory.create(CLIENT, "invoices");

		assertThatCode(() -> TransactionRules.checkManagerOf("manager", this.factory, this.factory))
			.doesNotThrowAnyException();
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> TransactionRules.checkManagerOf("manager", other, this.factory))
			.withMessageStartingWith("manager manages the transactions of " + other + ", not those of this template's "
					+ this.factory)
			.withMessageEndingWith("Give the template the manager built on its database factory (getDatabaseFactory())");
	}

	@Test
	void propagationNeverIsRefusedNamingWhatIsSupported() {
		assertThatExceptionOfType(IllegalTransactionStateException.class)
			.isThrownBy(() -> TransactionRules.refuseNever(definition(TransactionDefinition.PROPAGATION_NEVER)))
			.withMessageContaining("propagation NEVER")
			.withMessageContaining("REQUIRED, REQUIRES_NEW, SUPPORTS, NOT_SUPPORTED and MANDATORY")
			.withMessageContaining("Use NOT_SUPPORTED");
	}

	@Test
	void aWriteInAReadOnlyTransactionNamesTheOperationAndTheTypeOfItsEntityOrType() {
		assertThat(TransactionRules.readOnlyWrite("report", "update", new Order()))
			.isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessage("Transaction 'report' is read-only, so the update of Order cannot join it and nothing is "
					+ "sent. Remove readOnly = true, or write outside the transaction");
		assertThat(TransactionRules.readOnlyWrite(null, "deleteById", Order.class))
			.hasMessageStartingWith("Transaction is read-only, so the deleteById of Order cannot join it");
		assertThat(TransactionRules.readOnlyWrite(null, "create", null))
			.hasMessageContaining("the create of an entity cannot join it");
	}

	@Test
	void anOperationThatCannotJoinSaysWhyAndWhereToCallIt() {
		assertThat(TransactionRules.cannotJoin("putAll", "it replaces items without condition"))
			.isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessage("putAll cannot join a transaction: it replaces items without condition. Call it outside the "
					+ "transaction.");
	}

	@Test
	void aReactiveWriteIsRefusedOnlyWhileABlockingSingletableTransactionIsBoundToTheThread() {
		assertThat(TransactionRules.reactiveWriteInBlocking("create", Order.class)).isNull();

		// another resource under the factory is no singletable transaction
		TransactionSynchronizationManager.bindResource(this.factory, new ResourceHolderSupport() {
		});
		assertThat(TransactionRules.reactiveWriteInBlocking("create", Order.class)).isNull();
		TransactionSynchronizationManager.unbindResource(this.factory);

		TransactionSynchronizationManager.bindResource(this.factory,
				new SingleTableResourceHolder<>(new CollectedWrites()));
		assertThat(TransactionRules.reactiveWriteInBlocking("create", Order.class))
			.isInstanceOf(IllegalTransactionStateException.class)
			.hasMessageStartingWith("The reactive create(Order) was called inside a blocking singletable transaction "
					+ "(of table 'orders'")
			.hasMessageContaining("nothing is sent");
		assertThat(TransactionRules.reactiveWriteInBlocking("deleteAllById", null))
			.hasMessageStartingWith("The reactive deleteAllById() was called");
	}

	private static DefaultTransactionDefinition definition(int propagation) {
		return new DefaultTransactionDefinition(propagation);
	}

	/** An entity of the messages. */
	static final class Order {

	}

}
