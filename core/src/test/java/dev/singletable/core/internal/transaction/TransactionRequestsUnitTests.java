package dev.singletable.core.internal.transaction;

import org.junit.jupiter.api.Test;
import org.springframework.dao.InvalidDataAccessApiUsageException;

import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.core.internal.operation.CallerRequest;
import dev.singletable.core.internal.operation.CallerRequest.Bound;
import dev.singletable.core.internal.operation.CallerRequest.Joined;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.transaction.TransactionUnitsUnitTests.Ticket;
import dev.singletable.core.internal.write.send.TypeCounts;
import dev.singletable.core.internal.write.send.UnitSender;
import dev.singletable.core.internal.write.unit.AuditRecords;
import dev.singletable.core.internal.write.unit.BlobStage;
import dev.singletable.core.internal.write.unit.VersionRetention;
import dev.singletable.core.mapping.SingleTableMappingContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The answers every runtime's caller gives to a plan's requests about the transaction bound to it, given what it
 * found bound (no server, no Spring transaction): without one a write is sent by its plan, nothing refused; with one
 * its unit is collected, an operation that cannot join refused naming it and why, an after-commit action taken; a
 * read-only transaction refuses a write when it asks whether one is bound, before it reads anything.
 */
class TransactionRequestsUnitTests {

	private static final String TABLE = "table";

	private final MappingSingleTableConverter converter = new MappingSingleTableConverter(
			new SingleTableMappingContext());

	private final CollectedWritesUnitTests.Template template = new CollectedWritesUnitTests.Template("blocking",
			sender());

	private UnitSender sender() {
		Timestamps timestamps = new Timestamps();
		return new UnitSender(new BlobStage(TABLE, this.converter, new VersionRetention(TABLE), null),
				new TypeCounts(TABLE, this.converter, timestamps), new AuditRecords(TABLE, this.converter, timestamps),
				(ex, request) -> ex);
	}

	@Test
	void withoutABoundTransactionTheWriteSendsItselfAndNothingIsRefused() {
		assertThat(answer(join(), null)).isEqualTo(Joined.NOT_BOUND);
		assertThat(answer(new CallerRequest.TransactionState("deleteById", Ticket.class), null)).isEqualTo(Bound.NONE);
		assertThat(answer(new CallerRequest.RefuseInTransaction("putAll", "it is sent in batches"), null))
			.isEqualTo(Bound.NONE);
		assertThat(answer(new CallerRequest.AfterCommit(Step.done(null)), null)).isEqualTo(false);
	}

	@Test
	void aBoundTransactionCollectsTheUnitAndTakesTheAfterCommitAction() {
		CollectedWrites bound = new CollectedWrites();

		assertThat(answer(new CallerRequest.TransactionState("deleteById", Ticket.class), bound))
			.isEqualTo(Bound.ACTIVE);
		assertThat(bound.isEmpty()).isTrue();
		assertThat(answer(join(), bound)).isEqualTo(Joined.COLLECTED);
		assertThat(bound.isEmpty()).isFalse();
		assertThat(bound.first()).isSameAs(this.template);
		assertThat(answer(new CallerRequest.AfterCommit(Step.done(null)), bound)).isEqualTo(true);
	}

	@Test
	void anOperationThatCannotJoinIsRefusedNamingItAndWhy() {
		CollectedWrites bound = new CollectedWrites();

		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> answer(new CallerRequest.RefuseInTransaction("increment", "it returns the new value"),
					bound))
			.withMessage("increment cannot join a transaction: it returns the new value. Call it outside the "
					+ "transaction.");
		assertThat(bound.isEmpty()).isTrue();
	}

	@Test
	void aReadOnlyTransactionRefusesAWriteWhenItAsksWhetherOneIsBound() {
		CollectedWrites readOnly = CollectedWrites.readOnly("report");

		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> answer(new CallerRequest.TransactionState("deleteById", Ticket.class), readOnly))
			.withMessageStartingWith("Transaction 'report' is read-only, so the deleteById of Ticket cannot join it");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> answer(join(), readOnly))
			.withMessageStartingWith("Transaction 'report' is read-only, so the create of Ticket cannot join it");
		assertThat(readOnly.isEmpty()).isTrue();
	}

	@Test
	void otherRequestsAreLeftToTheCaller() {
		CallerRequest audit = new CallerRequest.AuditContext(Ticket.class);

		assertThat(TransactionRequests.isAbout(audit)).isFalse();
		assertThat(TransactionRequests.isAbout(join())).isTrue();
		assertThatIllegalArgumentException().isThrownBy(() -> answer(audit, new CollectedWrites()));
	}

	@Test
	void theWritesBoundAreFoundInTheResourceWhicheverSynchronizationBoundIt() {
		CollectedWrites writes = new CollectedWrites();

		assertThat(TransactionRequests.writesOf(new SingleTableResourceHolder<>(writes))).isSameAs(writes);
		assertThat(TransactionRequests.writesOf(null)).isNull();
		assertThat(TransactionRequests.writesOf("another store's resource")).isNull();
	}

	@Test
	void theCommitRunsOnTheFirstTemplateThatJoinedWhenItIsOfTheCommittingModel() {
		CollectedWrites bound = new CollectedWrites();
		assertThat(TransactionRequests.committer(bound, CollectedWritesUnitTests.Template.class, "blocking")).isNull();

		answer(join(), bound);

		assertThat(TransactionRequests.committer(bound, CollectedWritesUnitTests.Template.class, "blocking"))
			.isSameAs(this.template);
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> TransactionRequests.committer(bound, OtherModel.class, "reactive"))
			.withMessageStartingWith("A reactive transaction holds the units of a template it cannot run: ");
	}

	private CallerRequest.Join join() {
		return new CallerRequest.Join(TransactionUnitsUnitTests.unit("create", "t1", "v0"), Stamps.Snapshot.NONE,
				null);
	}

	private Object answer(CallerRequest request, CollectedWrites bound) {
		return TransactionRequests.answer(request, bound, this.template);
	}

	/** A template of another execution model than the one that joined. */
	private interface OtherModel extends CollectedWrites.Template {

	}

}
