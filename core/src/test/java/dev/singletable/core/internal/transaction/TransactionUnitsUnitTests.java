package dev.singletable.core.internal.transaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.TransactionCancelledException;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.send.UnitSend;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The rules of the writes one transaction collects, without a server: one operation per item, at most 100 items (one
 * of them the counts' when a template of the transaction keeps them), refused before anything is kept; a commit
 * started once; a cancellation reported per failed operation, the stamps of the entities put back; after-commit plans
 * in the order added, each with its template.
 */
class TransactionUnitsUnitTests {

	private static final String TABLE = "table";

	private static final MappingSingleTableConverter CONVERTER = new MappingSingleTableConverter(
			new SingleTableMappingContext());

	/** Templates identified by name; "counting" keeps the per-type counts, one item of each transaction. */
	private final TransactionUnits<String> units = new TransactionUnits<>(
			(template) -> template.equals("counting") ? 1 : 0);

	@Test
	void aSecondOperationOnAnItemIsRefusedNamingBothAndNothingOfItIsKept() {
		this.units.collect(unit("create", "t1", "v0"), "blocking", Stamps.Snapshot.NONE, null);

		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.units.collect(unit("update", "t1", "v0", "v2"), "reactive", Stamps.Snapshot.NONE,
					null))
			.withMessageContaining("one operation per item")
			.withMessageContaining("the update of Ticket 't1'")
			.withMessageContaining("the create of Ticket 't1' (operation 1)")
			.withMessageContaining("Nothing was sent");
		assertThat(this.units.units()).extracting(WriteUnit::operation).containsExactly("create");
		// the refused unit's other item was not taken either: another operation may write it
		this.units.collect(unit("create", "t1", "v2"), "blocking", Stamps.Snapshot.NONE, null);
		assertThat(this.units.templates()).containsExactly("blocking", "blocking");
	}

	@Test
	void aUnitTakingTheTransactionPastOneHundredItemsIsRefusedWithTheItemsOfEachOperation() {
		for (int i = 0; i < 50; i++) {
			this.units.collect(unit("update", "t" + i, "v0", "v2"), "blocking", Stamps.Snapshot.NONE, null);
		}
		assertThat(this.units.describe()).isEqualTo("50 operations (100 items)");

		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.units.collect(unit("create", "x", "v0"), "blocking", Stamps.Snapshot.NONE, null))
			.withMessageStartingWith("A transaction holds at most 100 items; with the create of Ticket 'x' (1) it "
					+ "would hold 101: update of Ticket: 100 items.")
			.withMessageContaining("Split the work into several transactions");
		assertThat(this.units.units()).hasSize(50);
	}

	@Test
	void theCountsItemOfAnyTemplateOfTheTransactionTakesOneOfTheHundred() {
		for (int i = 0; i < 49; i++) {
			this.units.collect(unit("update", "t" + i, "v0", "v2"), "blocking", Stamps.Snapshot.NONE, null);
		}
		this.units.collect(unit("create", "c", "v0"), "counting", Stamps.Snapshot.NONE, null);

		// 99 items: the 100th is the counts'
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.units.collect(unit("create", "x", "v0"), "blocking", Stamps.Snapshot.NONE, null))
			.withMessageStartingWith("A transaction holds at most 100 items (one of them the per-type counts)");
	}

	@Test
	void aCommitIsStartedOnceAndNothingJoinsItAfterwards() {
		assertThat(new TransactionUnits<String>((template) -> 0).startCommit()).as("nothing to send").isFalse();
		this.units.collect(unit("create", "t1", "v0"), "blocking", Stamps.Snapshot.NONE, null);

		assertThat(this.units.startCommit()).isTrue();
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class).isThrownBy(this.units::startCommit)
			.withMessageContaining("already committed");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.units.collect(unit("create", "t2", "v0"), "blocking", Stamps.Snapshot.NONE, null))
			.withMessageContaining("The transaction was already committed; the create of Ticket 't2' cannot join it");
	}

	@Test
	void aCancelledCommitNamesEachFailedOperationPutsBackTheStampsAndDropsTheAfterCommitPlans() {
		Ticket first = new Ticket("t1", 3L);
		Ticket second = new Ticket("t2", 7L);
		WriteUnit update = unit("update", "t1", "v0", "v4");
		WriteUnit delete = unit("delete", "t2", "v0");
		this.units.collect(update, "blocking", Stamps.snapshot(CONVERTER, first), Step.done("after save"));
		this.units.collect(delete, "reactive", Stamps.snapshot(CONVERTER, second), null);
		this.units.afterCommit("reactive", Step.done("after delete"));
		// the writes stamped the entities as they would be stored
		first.setVersion(4L);
		second.setId("changed");
		OptimisticLockingFailureException stale = new OptimisticLockingFailureException("stale");
		DataIntegrityViolationException gone = new DataIntegrityViolationException("gone");

		TransactionCancelledException cancelled = this.units
			.cancelled(List.of(new UnitSend.Failure(0, update, stale), new UnitSend.Failure(1, delete, gone)));

		assertThat(cancelled.getFailures()).extracting(TransactionCancelledException.Failure::operation)
			.containsExactly("update", "delete");
		assertThat(cancelled.getFailures()).extracting(TransactionCancelledException.Failure::id)
			.containsExactly("t1", "t2");
		assertThat(cancelled.getFailures()).extracting(TransactionCancelledException.Failure::exception)
			.containsExactly(stale, gone);
		assertThat(cancelled.getFailures()).extracting(TransactionCancelledException.Failure::reason)
			.containsExactly(TransactionCancelledException.Reason.VERSION_CONFLICT,
					TransactionCancelledException.Reason.CONDITION_FAILED);
		assertThat(cancelled).hasCause(stale);
		assertThat(first.getVersion()).isEqualTo(3L);
		assertThat(second.getId()).isEqualTo("t2");
		assertThat(this.units.afterCommit()).isEmpty();
	}

	@Test
	void afterCommitPlansAreKeptInTheOrderAddedEachWithItsTemplate() {
		Step<String> afterSave = Step.done("after save");
		Step<String> afterDelete = Step.done("after delete");
		this.units.collect(unit("create", "t1", "v0"), "blocking", Stamps.Snapshot.NONE, afterSave);
		this.units.afterCommit("reactive", afterDelete);
		this.units.collect(unit("create", "t2", "v0"), "reactive", Stamps.Snapshot.NONE, null);

		assertThat(this.units.afterCommit()).containsExactly(new TransactionUnits.After<>("blocking", afterSave),
				new TransactionUnits.After<>("reactive", afterDelete));
	}

	@Test
	void aDiscardPutsBackTheStampsOnce() {
		Ticket ticket = new Ticket(null, null);
		this.units.collect(unit("create", "new", "v0"), "blocking", Stamps.snapshot(CONVERTER, ticket), null);
		ticket.setId("new");
		ticket.setVersion(1L);

		this.units.discard();
		assertThat(ticket.getId()).isNull();
		assertThat(ticket.getVersion()).isNull();
		ticket.setId("set later");
		this.units.discard();
		assertThat(ticket.getId()).as("a second discard has nothing to put back").isEqualTo("set later");
	}

	/** A unit putting the given items of a ticket. */
	static WriteUnit unit(String operation, String id, String... sortKeys) {
		List<TransactWriteItem> items = new ArrayList<>();
		for (String sk : sortKeys) {
			items.add(TransactWriteItem.builder()
				.put(Put.builder()
					.tableName(TABLE)
					.item(Map.of(ItemAttributes.PK, AttributeValue.fromS("Ticket#" + id), ItemAttributes.SK,
							AttributeValue.fromS(sk)))
					.build())
				.build());
		}
		return WriteUnit.failingWith(operation, Ticket.class, id, items,
				(failed) -> new DataIntegrityViolationException(operation + " of " + id + " failed"), null);
	}

	/** A mutable entity (a bean): writes stamp it in place, a failed transaction puts its stamps back. */
	@SingleTableEntity(versioned = true)
	public static class Ticket {

		@Id
		private String id;

		@Version
		private Long version;

		public Ticket() {
		}

		Ticket(String id, Long version) {
			this.id = id;
			this.version = version;
		}

		public String getId() {
			return this.id;
		}

		public void setId(String id) {
			this.id = id;
		}

		public Long getVersion() {
			return this.version;
		}

		public void setVersion(Long version) {
			this.version = version;
		}

	}

}
