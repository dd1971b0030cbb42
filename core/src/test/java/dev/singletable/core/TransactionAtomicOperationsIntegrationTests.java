package dev.singletable.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.TransactionFixtures.Crate;
import dev.singletable.core.TransactionFixtures.Shelf;
import dev.singletable.core.TransactionCancelledException.Reason;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.repository.contracts.Lease;
import dev.singletable.repository.support.SimpleSingleTableRepository;
import dev.singletable.test.DynamoDbLocalExtension;

import static dev.singletable.core.TransactionFixtures.repository;
import static dev.singletable.core.TransactionFixtures.writes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Atomic operations in a transaction at their edges (from issue 14): versioned types and missing values refused
 * before sending naming type and property, the version bump of a plain type with a version, an update and an atomic
 * change of one item refused, and {@code requireVersion} of plain and versioned types.
 */
class TransactionAtomicOperationsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private SingleTableTemplate template;

	private SimpleSingleTableRepository<Crate> crates;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		this.crates = repository(this.template, Crate.class);
	}

	// ---- atomic operations -----------------------------------------------------------------------------

	@Test
	void atomicOperationsOfVersionedTypesOrWithoutValuesFailBeforeSendingNamingTypeAndProperty() {
		Crate crate = this.template.create(new Crate("at-1", null, 1, Set.of("a"), List.of()));
		dynamo.requests().reset();

		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.transaction((tx) -> tx.increment(Shelf.class, "s", "label", 1)))
			.withMessageContaining("Shelf is versioned");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.transaction((tx) -> tx.addToSet(Crate.class, crate.id(), "tags")))
			.withMessageContaining("addToSet of 'tags' of Crate")
			.withMessageContaining("at least one value");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.transaction((tx) -> tx.removeFromSet(Crate.class, crate.id(), "tags")))
			.withMessageContaining("removeFromSet of 'tags' of Crate");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.transaction((tx) -> tx.appendToList(Crate.class, crate.id(), "log")))
			.withMessageContaining("appendToList of 'log' of Crate");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.transaction((tx) -> tx.increment(Crate.class, crate.id(), "version", 1)))
			.withMessageContaining("system property");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.transaction((tx) -> tx.increment(Crate.class, crate.id(), "tags", 1)))
			.withMessageContaining("not a number");

		// a set of numbers is stored as a list and a map of text holds no numbers: DynamoDB would reject both
		Tally tally = this.template.create(new Tally("at-tally", Set.of(1), Map.of("a", "x"), Map.of("n", 1)));
		dynamo.requests().reset();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.transaction((tx) -> tx.addToSet(Tally.class, tally.id(), "numbers", "2")))
			.withMessageContaining("'numbers' of Tally")
			.withMessageContaining("not a Set of strings");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.transaction((tx) -> tx.increment(Tally.class, tally.id(), "labels.a", 1)))
			.withMessageContaining("'labels' of Tally")
			.withMessageContaining("not a map of numbers");
		assertThat(dynamo.requests().total()).isZero();
		this.template.transaction((tx) -> tx.increment(Tally.class, tally.id(), "loose.n", 2));
		assertThat(this.template.getById(Tally.class, tally.id()).loose()).containsEntry("n", 3);

		assertThat(this.template.getById(Crate.class, crate.id())).isEqualTo(crate);
	}

	@Test
	void anAtomicChangeOfAPlainTypeWithAVersionBumpsTheVersionSoAnUpdateReadBeforeItIsStale() {
		Crate crate = this.template.create(new Crate("at-2", null, 1, Set.of("a"), List.of()));

		this.template.transaction((tx) -> tx.increment(Crate.class, crate.id(), "qty", 4));
		Crate stored = this.template.getById(Crate.class, crate.id());

		assertThat(stored.qty()).isEqualTo(5);
		assertThat(stored.version()).isEqualTo(2);
		TransactionCancelledException cancelled = catchThrowableOfType(TransactionCancelledException.class,
				() -> this.template.transaction((tx) -> tx.update(crate.withQty(100))));
		assertThat(cancelled.getFailures()).singleElement()
			.satisfies((failure) -> assertThat(failure.reason()).isEqualTo(Reason.VERSION_CONFLICT));
		assertThat(this.template.getById(Crate.class, crate.id()).qty()).isEqualTo(5);
	}

	@Test
	void anUpdateAndAnAtomicChangeOfOneItemThroughDifferentEntryPointsAreRefusedBeforeSending() {
		Crate crate = this.template.create(new Crate("at-3", null, 1, Set.of("a"), List.of()));
		SingleTableTransactionManager manager = new SingleTableTransactionManager(this.template.getDatabaseFactory());
		org.springframework.transaction.support.TransactionTemplate spring = new org.springframework.transaction.support.TransactionTemplate(
				manager);
		dynamo.requests().reset();

		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> spring.executeWithoutResult((status) -> {
				this.crates.save(crate.withQty(2));
				this.template.transaction((tx) -> tx.increment(Crate.class, crate.id(), "qty", 1));
			}))
			.withMessageContaining("one operation per item")
			.withMessageContaining("increment of Crate 'at-3'");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> spring.executeWithoutResult((status) -> {
				this.template.addToSet(Crate.class, crate.id(), "tags", "b");
				this.crates.delete(crate);
			}))
			.withMessageContaining("one operation per item");

		assertThat(writes(dynamo)).isZero();
		assertThat(this.template.getById(Crate.class, crate.id())).isEqualTo(crate);
	}

	@Test
	void requireVersionOfAPlainTypeWithoutAVersionIsRefusedAndOfAVersionedTypeChecksTheStoredVersion() {
		Lease lease = this.template.create(Lease.of("h", 1, Instant.now().plusSeconds(3600)));
		Shelf shelf = this.template.update(this.template.create(new Shelf("rv-1", null, "a")).withLabel("b"));
		dynamo.requests().reset();

		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.transaction((tx) -> tx.requireVersion(lease, 1)))
			.withMessageContaining("Lease has no @Version property");
		assertThat(dynamo.requests().total()).isZero();

		this.template.transaction((tx) -> {
			tx.requireVersion(shelf, 2);
			tx.create(new Crate("rv-ok", null, 1, Set.of("a"), List.of()));
		});
		TransactionCancelledException cancelled = catchThrowableOfType(TransactionCancelledException.class,
				() -> this.template.transaction((tx) -> {
					tx.create(new Crate("rv-lost", null, 1, Set.of("a"), List.of()));
					tx.requireVersion(Shelf.class, shelf.id(), 1);
				}));

		assertThat(this.template.findById(Crate.class, "rv-ok")).isPresent();
		assertThat(this.template.findById(Crate.class, "rv-lost")).isEmpty();
		assertThat(cancelled.getFailures()).singleElement().satisfies((failure) -> {
			assertThat(failure.operation()).isEqualTo("requireVersion");
			assertThat(failure.reason()).isEqualTo(Reason.VERSION_CONFLICT);
		});
	}

	/** A plain type with a set of numbers and maps of text and of anything. */
	@SingleTableEntity
	record Tally(@Id String id, Set<Integer> numbers, Map<String, String> labels, Map<String, Object> loose) {
	}

}
