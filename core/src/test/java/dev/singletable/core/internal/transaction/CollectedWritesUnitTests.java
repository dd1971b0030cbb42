package dev.singletable.core.internal.transaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessResourceException;

import dev.singletable.core.TransactionCancelledException;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.internal.plan.Answer;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.ScriptedDriver;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.transaction.TransactionUnitsUnitTests.Ticket;
import dev.singletable.core.internal.write.send.TypeCounts;
import dev.singletable.core.internal.write.send.UnitSender;
import dev.singletable.core.internal.write.unit.AuditRecords;
import dev.singletable.core.internal.write.unit.BlobStage;
import dev.singletable.core.internal.write.unit.VersionRetention;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.core.mapping.SingleTableMappingContext;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A transaction's collected writes and their commit as a plan, run on scripted answers (no server): a read-only
 * transaction refuses every write, the commit sends every unit as one
 * {@code TransactWriteItems} on the first template that joined and then the after-commit plans, each on its template;
 * the version trims the units carry run only once the commit is stored; a cancellation names each failed operation
 * and puts back the stamps; a commit is sent once.
 */
class CollectedWritesUnitTests {

	private static final String TABLE = "table";

	private MappingSingleTableConverter converter;

	private Template blocking;

	private Template reactive;

	/** The template each part of a commit was asked to run on, and the types when it is the commit's send. */
	private final List<String> placements = new ArrayList<>();

	@BeforeEach
	void setUp() {
		this.converter = new MappingSingleTableConverter(new SingleTableMappingContext());
		this.blocking = new Template("blocking", sender(this.converter));
		this.reactive = new Template("reactive", sender(this.converter));
	}

	private static UnitSender sender(MappingSingleTableConverter converter) {
		Timestamps timestamps = new Timestamps();
		return new UnitSender(new BlobStage(TABLE, converter, new VersionRetention(TABLE), null),
				new TypeCounts(TABLE, converter, timestamps), new AuditRecords(TABLE, converter, timestamps),
				(ex, request) -> ex);
	}

	@Test
	void aReadOnlyTransactionRefusesEveryWriteAndSendsNothing() {
		CollectedWrites writes = CollectedWrites.readOnly("report");

		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> writes.collect(TransactionUnitsUnitTests.unit("create", "t1", "v0"), this.blocking,
					Stamps.Snapshot.NONE, null))
			.withMessageStartingWith("Transaction 'report' is read-only, so the create of Ticket cannot join it");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> writes.refuseIfReadOnly("update", new Ticket("t1", 1L)))
			.withMessageStartingWith("Transaction 'report' is read-only, so the update of Ticket cannot join it");
		assertThat(writes).hasToString("read-only transaction 'report'");
		ScriptedDriver driver = driver((request) -> Answer.of(null));
		driver.run(writes.commit());
		assertThat(driver.sent()).isEmpty();
		assertThat(writes.isEmpty()).isTrue();
	}

	@Test
	void anEmptyCommitSendsNothingAndIsStartedOnce() {
		CollectedWrites writes = new CollectedWrites();
		ScriptedDriver driver = driver((request) -> Answer.of(null));

		driver.run(writes.commit());

		assertThat(driver.sent()).isEmpty();
		assertThat(writes.first()).isNull();
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class).isThrownBy(writes::commit)
			.withMessageContaining("already committed");
	}

	@Test
	void theCommitSendsEveryUnitAsOneTransactionOnTheFirstTemplateThenTheAfterCommitPlansEachOnItsTemplate() {
		CollectedWrites writes = new CollectedWrites();
		List<String> ran = new ArrayList<>();
		WriteUnit first = TransactionUnitsUnitTests.unit("create", "t1", "v0");
		WriteUnit second = TransactionUnitsUnitTests.unit("update", "t2", "v0", "v3");
		writes.collect(first, this.blocking, Stamps.Snapshot.NONE, Step.defer(() -> {
			ran.add("after save t1");
			return Step.done(null);
		}));
		writes.afterCommit(this.reactive, Step.defer(() -> {
			ran.add("after delete");
			return Step.done(null);
		}));
		writes.collect(second, this.blocking, Stamps.Snapshot.NONE, null);
		assertThat(writes.first()).isSameAs(this.blocking);
		ScriptedDriver driver = driver((request) -> {
			ran.add(request.getClass().getSimpleName());
			return Answer.of(null);
		});
		this.placements.clear();

		driver.run(writes.commit());

		List<Request.Transact> sent = driver.sent(Request.Transact.class);
		assertThat(sent).singleElement()
			.satisfies((transact) -> assertThat(transact.items()).containsExactly(first.items().get(0),
					second.items().get(0), second.items().get(1)));
		assertThat(this.placements).containsExactly("blocking commit of [Ticket, Ticket]", "blocking", "reactive");
		assertThat(ran).containsExactly("Transact", "after save t1", "after delete");
		assertThat(writes).hasToString("transaction of 2 operations (3 items)");
	}

	@Test
	void theVersionTrimOfACollectedUnitRunsOnlyOnceTheCommitIsStored() {
		WriteUnit trimmed = TransactionUnitsUnitTests.unit("update", "t1", "v0", "v9")
			.afterCommit(Step.send(new Request.Write(DeleteItemRequest.builder()
				.tableName(TABLE)
				.key(Map.of(ItemAttributes.PK, AttributeValue.fromS("Ticket#t1"), ItemAttributes.SK,
						AttributeValue.fromS("v1")))
				.build()), (answer) -> Step.done(null)));
		CollectedWrites stored = new CollectedWrites();
		stored.collect(trimmed, this.blocking, Stamps.Snapshot.NONE, null);
		ScriptedDriver committed = driver((request) -> Answer.of(null));

		committed.run(stored.commit());

		assertThat(committed.sent()).extracting((request) -> request.getClass().getSimpleName())
			.containsExactly("OnTemplate", "Transact", "Write");
		assertThat(((DeleteItemRequest) committed.sent(Request.Write.class).get(0).request()).key()
			.get(ItemAttributes.SK)
			.s()).isEqualTo("v1");

		CollectedWrites cancelledOne = new CollectedWrites();
		cancelledOne.collect(trimmed, this.blocking, Stamps.Snapshot.NONE, null);
		ScriptedDriver cancelled = driver((request) -> Answer.failed(cancelled("None", "ConditionalCheckFailed")));
		assertThatExceptionOfType(TransactionCancelledException.class)
			.isThrownBy(() -> cancelled.run(cancelledOne.commit()));
		assertThat(cancelled.sent(Request.Write.class)).as("no trim of a version never written").isEmpty();
	}

	@Test
	void aCancelledCommitNamesTheFailedOperationPutsBackTheStampsAndRunsNoAfterCommitPlan() {
		CollectedWrites writes = new CollectedWrites();
		Ticket ticket = new Ticket("t2", 2L);
		List<String> ran = new ArrayList<>();
		writes.collect(TransactionUnitsUnitTests.unit("create", "t1", "v0"), this.blocking, Stamps.Snapshot.NONE,
				null);
		WriteUnit stale = new WriteUnit("update", Ticket.class, "t2",
				TransactionUnitsUnitTests.unit("update", "t2", "v0").items(),
				(failed) -> WriteUnit.Outcome.fail(new OptimisticLockingFailureException("Ticket 't2' changed")), null,
				null, null);
		writes.collect(stale, this.reactive, Stamps.snapshot(this.converter, ticket), Step.defer(() -> {
			ran.add("after save");
			return Step.done(null);
		}));
		ticket.setVersion(3L);
		ScriptedDriver driver = driver((request) -> Answer.failed(cancelled("None", "ConditionalCheckFailed")));

		assertThatExceptionOfType(TransactionCancelledException.class).isThrownBy(() -> driver.run(writes.commit()))
			.satisfies((ex) -> assertThat(ex.getFailures()).singleElement().satisfies((failure) -> {
				assertThat(failure.index()).isEqualTo(1);
				assertThat(failure.operation()).isEqualTo("update");
				assertThat(failure.id()).isEqualTo("t2");
				assertThat(failure.reason()).isEqualTo(TransactionCancelledException.Reason.VERSION_CONFLICT);
			}));
		assertThat(ticket.getVersion()).isEqualTo(2L);
		assertThat(ran).isEmpty();
		// the units of two templates: the send on the first, each template's blob stage entered on it in the order
		// they joined
		assertThat(this.placements).startsWith("blocking commit of [Ticket, Ticket]", "blocking", "reactive");
	}

	@Test
	void aFailedCommitPutsBackTheStampsAndFailsWithItsException() {
		CollectedWrites writes = new CollectedWrites();
		Ticket ticket = new Ticket(null, null);
		writes.collect(TransactionUnitsUnitTests.unit("create", "t1", "v0"), this.blocking,
				Stamps.snapshot(this.converter, ticket), null);
		ticket.setId("t1");
		ticket.setVersion(1L);
		TransientDataAccessResourceException down = new TransientDataAccessResourceException("unreachable");
		ScriptedDriver driver = driver((request) -> Answer.failed(down));

		assertThatExceptionOfType(TransientDataAccessResourceException.class)
			.isThrownBy(() -> driver.run(writes.commit()))
			.isSameAs(down);
		assertThat(ticket.getId()).isNull();
		assertThat(ticket.getVersion()).isNull();
	}

	/**
	 * A driver that answers each {@link CollectedWrites.OnTemplate} by running its plan (recording which template it
	 * was placed on), and every other request from the script.
	 */
	private ScriptedDriver driver(Function<Request, Answer> script) {
		ScriptedDriver[] driver = new ScriptedDriver[1];
		driver[0] = new ScriptedDriver((request) -> {
			if (request instanceof CollectedWrites.OnTemplate on) {
				this.placements.add(((Template) on.template()).name()
						+ ((on.commitOf() != null) ? " commit of " + on.commitOf().stream().map(Class::getSimpleName).toList()
								: ""));
				try {
					return Answer.of(driver[0].run(on.plan()));
				}
				catch (RuntimeException ex) {
					return Answer.failed(ex);
				}
			}
			return script.apply(request);
		});
		return driver[0];
	}

	private static TransactionCanceledException cancelled(String... codes) {
		List<CancellationReason> reasons = new ArrayList<>();
		for (String code : codes) {
			reasons.add(CancellationReason.builder().code(code).build());
		}
		return TransactionCanceledException.builder().message("cancelled").cancellationReasons(reasons).build();
	}

	/** A template of the transaction, by name. */
	record Template(String name, UnitSender sender) implements CollectedWrites.Template {
	}

}
