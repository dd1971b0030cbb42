package dev.singletable.core.internal.transaction;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.transaction.InvalidIsolationLevelException;
import org.springframework.transaction.NestedTransactionNotSupportedException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionTimedOutException;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import dev.singletable.core.UnsubscribedWriteException;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.internal.plan.Answer;
import dev.singletable.internal.plan.ScriptedDriver;
import dev.singletable.core.internal.transaction.TransactionUnitsUnitTests.Ticket;
import dev.singletable.core.internal.write.send.TypeCounts;
import dev.singletable.core.internal.write.send.UnitSender;
import dev.singletable.core.internal.write.unit.AuditRecords;
import dev.singletable.core.internal.write.unit.BlobStage;
import dev.singletable.core.internal.write.unit.VersionRetention;
import dev.singletable.core.mapping.SingleTableMappingContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * What both transaction managers decide the same way through their transaction object, without a server and without
 * binding anything: which definitions begin and what the transaction then collects, whether a transaction may
 * commit (its deadline, a participant's rollback-only mark), what a rollback drops, and the suspend and completion
 * bookkeeping; the commit's plan of the writes it hands over runs on a scripted driver.
 */
class SingleTableTransactionObjectUnitTests {

	private static final Log LOG = LogFactory.getLog(SingleTableTransactionObjectUnitTests.class);

	private final MappingSingleTableConverter converter = new MappingSingleTableConverter(
			new SingleTableMappingContext());

	@Test
	void nothingBoundMeansNoExistingTransactionAndNoHolder() {
		SingleTableTransactionObject transaction = new SingleTableTransactionObject(null);

		assertThat(transaction.isExisting()).isFalse();
		assertThat(transaction.isRollbackOnly()).isFalse();
		assertThatIllegalStateException().isThrownBy(transaction::holder)
			.withMessage("No singletable transaction is active");
	}

	@Test
	void aBoundHolderIsJoined() {
		SingleTableResourceHolder<CollectedWrites> bound = new SingleTableResourceHolder<>(new CollectedWrites());

		SingleTableTransactionObject transaction = SingleTableTransactionObject.of(new SingleTableTransactionObject(bound));

		assertThat(transaction.isExisting()).isTrue();
		assertThat(transaction.holder()).isSameAs(bound);
	}

	@Test
	void aDefinitionSingletableCannotHonourBeginsNothing() {
		SingleTableTransactionObject nested = new SingleTableTransactionObject(null);
		DefaultTransactionDefinition nestedDefinition = new DefaultTransactionDefinition(
				TransactionDefinition.PROPAGATION_NESTED);
		assertThatExceptionOfType(NestedTransactionNotSupportedException.class)
			.isThrownBy(() -> nested.begin(nestedDefinition, TransactionDefinition.TIMEOUT_DEFAULT));
		assertThat(nested.isExisting()).isFalse();

		SingleTableTransactionObject isolated = new SingleTableTransactionObject(null);
		DefaultTransactionDefinition serializable = new DefaultTransactionDefinition();
		serializable.setIsolationLevel(TransactionDefinition.ISOLATION_SERIALIZABLE);
		assertThatExceptionOfType(InvalidIsolationLevelException.class)
			.isThrownBy(() -> isolated.begin(serializable, TransactionDefinition.TIMEOUT_DEFAULT));
		assertThat(isolated.isExisting()).isFalse();
	}

	@Test
	void aBegunTransactionIsSynchronizedCollectsWritesAndKeepsItsTimeout() {
		SingleTableTransactionObject transaction = new SingleTableTransactionObject(null);

		SingleTableResourceHolder<CollectedWrites> holder = transaction.begin(new DefaultTransactionDefinition(), 30);

		assertThat(transaction.holder()).isSameAs(holder);
		assertThat(holder.isSynchronizedWithTransaction()).isTrue();
		assertThat(holder.hasTimeout()).isTrue();
		assertThat(holder.getTimeToLiveInSeconds()).isBetween(1, 30);
		assertThat(holder.getWrites().isEmpty()).isTrue();
		assertThat(new SingleTableTransactionObject(null).begin(new DefaultTransactionDefinition(),
				TransactionDefinition.TIMEOUT_DEFAULT)
			.hasTimeout()).isFalse();
	}

	@Test
	void aReadOnlyDefinitionBeginsATransactionThatRefusesEveryWriteByItsName() {
		DefaultTransactionDefinition readOnly = new DefaultTransactionDefinition();
		readOnly.setReadOnly(true);
		readOnly.setName("ReportService.totals");

		CollectedWrites writes = new SingleTableTransactionObject(null)
			.begin(readOnly, TransactionDefinition.TIMEOUT_DEFAULT)
			.getWrites();

		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> writes.refuseIfReadOnly("update", new Ticket("t1", 1L)))
			.withMessageStartingWith("Transaction 'ReportService.totals' is read-only");
	}

	@Test
	void theCommitHandsOverTheCollectedWritesWhosePlanSendsThemAsOneTransaction() {
		SingleTableTransactionObject transaction = new SingleTableTransactionObject(null);
		CollectedWrites collected = transaction.begin(new DefaultTransactionDefinition(), 30).getWrites();
		collected.collect(TransactionUnitsUnitTests.unit("create", "t1", "v0"), template(), Stamps.Snapshot.NONE,
				null);

		CollectedWrites writes = transaction.toCommit(LOG, true);

		assertThat(writes).isSameAs(collected);
		ScriptedDriver driver = new ScriptedDriver((request) -> (request instanceof CollectedWrites.OnTemplate on)
				? Answer.of(new ScriptedDriver((inner) -> Answer.of(null)).run(on.plan())) : Answer.of(null));
		driver.run(writes.commit());
		assertThat(driver.sent(CollectedWrites.OnTemplate.class)).singleElement()
			.satisfies((on) -> assertThat(on.commitOf()).containsExactly(Ticket.class));
	}

	@Test
	void aTransactionPastItsDeadlineIsNotCommitted() {
		SingleTableTransactionObject transaction = new SingleTableTransactionObject(null);
		transaction.begin(new DefaultTransactionDefinition(), 30).setTimeoutInMillis(-1);

		assertThatExceptionOfType(TransactionTimedOutException.class)
			.isThrownBy(() -> transaction.toCommit(LOG, false));
		assertThat(transaction.isRollbackOnly()).isTrue();
	}

	@Test
	void aTransactionAParticipantMarkedRollbackOnlyIsDiscardedNotCommitted() {
		SingleTableTransactionObject transaction = new SingleTableTransactionObject(null);
		CollectedWrites writes = transaction.begin(new DefaultTransactionDefinition(), 30).getWrites();
		Ticket ticket = new Ticket("t1", 1L);
		writes.collect(TransactionUnitsUnitTests.unit("update", "t1", "v0"), template(),
				Stamps.snapshot(this.converter, ticket), null);
		ticket.setVersion(2L);
		HandedOutWrites.Ticket handedOut = writes.handedOut().handOut("update of Ticket 't1'");

		transaction.setRollbackOnly();

		assertThat(transaction.isRollbackOnly()).isTrue();
		assertThatExceptionOfType(UnexpectedRollbackException.class)
			.isThrownBy(() -> transaction.toCommit(LOG, false))
			.withMessageStartingWith("The transaction of 1 ")
			.withMessageEndingWith("was marked rollback-only by a transaction that took part in it, so nothing is sent");
		assertThat(ticket.getVersion()).as("the stamps put back").isEqualTo(1L);
		assertThat(handedOut.subscribe()).isInstanceOf(UnsubscribedWriteException.class)
			.hasMessageContaining("was rolled back");
	}

	@Test
	void aRollbackDropsTheWritesAndPutsBackTheStamps() {
		SingleTableTransactionObject transaction = new SingleTableTransactionObject(null);
		CollectedWrites writes = transaction.begin(new DefaultTransactionDefinition(), 30).getWrites();
		Ticket ticket = new Ticket(null, null);
		writes.collect(TransactionUnitsUnitTests.unit("create", "t1", "v0"), template(),
				Stamps.snapshot(this.converter, ticket), null);
		ticket.setId("t1");
		ticket.setVersion(1L);

		transaction.rollback(LOG, true);

		assertThat(ticket.getId()).isNull();
		assertThat(ticket.getVersion()).isNull();
		assertThat(writes.handedOut().handOut("create of Ticket").subscribe()).isNotNull();
	}

	@Test
	void aSuspendedTransactionIsForgottenAndACompletedOneCleared() {
		SingleTableTransactionObject transaction = new SingleTableTransactionObject(null);
		SingleTableResourceHolder<CollectedWrites> holder = transaction.begin(new DefaultTransactionDefinition(), 30);

		transaction.suspend();
		assertThat(transaction.isExisting()).isFalse();

		SingleTableTransactionObject resumed = new SingleTableTransactionObject(holder);
		resumed.complete();
		assertThat(resumed.isExisting()).isFalse();
		assertThat(holder.isSynchronizedWithTransaction()).isFalse();
		assertThat(holder.hasTimeout()).isFalse();
	}

	@Test
	void savepointsAreRefusedAsNestedTransactions() {
		SingleTableTransactionObject transaction = new SingleTableTransactionObject(null);

		assertThatExceptionOfType(NestedTransactionNotSupportedException.class)
			.isThrownBy(transaction::createSavepoint);
		assertThatExceptionOfType(NestedTransactionNotSupportedException.class)
			.isThrownBy(() -> transaction.rollbackToSavepoint(new Object()));
	}

	private static CollectedWritesUnitTests.Template template() {
		MappingSingleTableConverter converter = new MappingSingleTableConverter(new SingleTableMappingContext());
		Timestamps timestamps = new Timestamps();
		return new CollectedWritesUnitTests.Template("blocking",
				new UnitSender(new BlobStage("table", converter, new VersionRetention("table"), null),
						new TypeCounts("table", converter, timestamps), new AuditRecords("table", converter, timestamps),
						(ex, request) -> ex));
	}

}
