package dev.singletable.core;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.TransactionFixtures.Crate;
import dev.singletable.core.TransactionFixtures.Ledger;
import dev.singletable.core.TransactionFixtures.Shelf;
import dev.singletable.core.TransactionCancelledException.Reason;
import dev.singletable.core.contract.Account;
import dev.singletable.repository.support.SimpleSingleTableRepository;
import dev.singletable.test.DynamoDbLocalExtension;

import static dev.singletable.core.TransactionFixtures.repository;
import static dev.singletable.core.TransactionFixtures.writes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Repository writes of every kind inside a transaction (from issue 14): saves and deletes are one request with their
 * new versions, a rollback sends nothing, a stale entity cancels the whole transaction naming it, and the audit rows
 * and counts of an audited, counted type go in the same request. Atomic operations, expiring and singleton types and
 * reads in transactions are in {@link TransactionAtomicOperationsIntegrationTests},
 * {@link TransactionExpiringAndSingletonTypesIntegrationTests} and {@link ReadTransactionIntegrationTests}.
 */
class TransactionRepositoryWritesIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private SingleTableTemplate template;

	private SimpleSingleTableRepository<Shelf> shelves;

	private SimpleSingleTableRepository<Crate> crates;

	private SimpleSingleTableRepository<Account> accounts;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		this.shelves = repository(this.template, Shelf.class);
		this.crates = repository(this.template, Crate.class);
		this.accounts = repository(this.template, Account.class);
	}

	// ---- repositories inside a transaction -------------------------------------------------------------

	@Test
	void repositorySavesOfNewAndExistingVersionedPlainAndPersistableEntitiesAreOneRequestWithTheirNewVersions() {
		Shelf shelf = this.template.update(this.template.create(new Shelf("s-old", null, "one")).withLabel("two"));
		Crate crate = this.template.create(new Crate("c-old", null, 1, Set.of("a"), List.of()));
		AtomicReference<List<Shelf>> savedShelves = new AtomicReference<>();
		AtomicReference<List<Crate>> savedCrates = new AtomicReference<>();
		AtomicReference<Account> savedAccount = new AtomicReference<>();
		dynamo.requests().reset();

		this.template.transaction((tx) -> {
			savedShelves.set(this.shelves.saveAll(List.of(new Shelf(null, null, "new"), shelf.withLabel("three"))));
			savedCrates.set(this.crates.saveAll(List.of(new Crate("c-new", null, 5, Set.of("b"), List.of("x")),
					new Crate(crate.id(), crate.version(), 9, crate.tags(), crate.log()))));
			savedAccount.set(this.accounts.save(new Account("acc-new", "ann", true)));
			assertThat(writes(dynamo)).isZero();
		});

		assertThat(writes(dynamo)).isEqualTo(1);
		assertThat(dynamo.requests().count("TransactWriteItems")).isEqualTo(1);
		assertThat(savedShelves.get()).extracting(Shelf::version).containsExactly(1L, 3L);
		assertThat(savedCrates.get()).extracting(Crate::version).containsExactly(1L, 2L);
		for (Shelf saved : savedShelves.get()) {
			assertThat(this.shelves.findById(saved.id())).contains(saved);
		}
		for (Crate saved : savedCrates.get()) {
			assertThat(this.crates.findById(saved.id())).contains(saved);
		}
		assertThat(this.accounts.findById("acc-new")).hasValueSatisfying((a) -> assertThat(a.getOwner()).isEqualTo("ann"));
		assertThat(this.shelves.findVersions(shelf.id())).extracting(Shelf::label).containsExactly("three", "two", "one");
		// the versions returned are the ones stored: writing them again as read works
		this.shelves.save(savedShelves.get().get(1).withLabel("four"));
		this.crates.save(savedCrates.get().get(1).withQty(10));
	}

	@Test
	void aPersistableThatSaysItIsNewIsCreatedInATransactionAndCancelsItWhenItExists() {
		this.accounts.save(new Account("acc-taken", "first", true));
		dynamo.requests().reset();

		TransactionCancelledException cancelled = catchThrowableOfType(TransactionCancelledException.class,
				() -> this.template.transaction((tx) -> {
					this.crates.save(new Crate("c-lost", null, 1, Set.of("a"), List.of()));
					this.accounts.save(new Account("acc-taken", "second", true));
				}));

		assertThat(cancelled).isNotNull();
		assertThat(cancelled.getFailures()).singleElement().satisfies((failure) -> {
			assertThat(failure.index()).isEqualTo(1);
			assertThat(failure.entityType()).isEqualTo(Account.class);
			assertThat(failure.id()).isEqualTo("acc-taken");
			assertThat(failure.reason()).isEqualTo(Reason.ALREADY_EXISTS);
		});
		assertThat(this.accounts.findById("acc-taken").orElseThrow().getOwner()).isEqualTo("first");
		assertThat(this.crates.findById("c-lost")).isEmpty();
	}

	@Test
	void repositoryDeletesOfEveryKindInATransactionAreOneRequestAndEachEntityIsDeletedOnce() {
		Shelf a = this.template.update(this.template.create(new Shelf("d-a", null, "a")).withLabel("a2"));
		Shelf b = this.template.create(new Shelf("d-b", null, "b"));
		Shelf c = this.template.create(new Shelf("d-c", null, "c"));
		Crate x = this.template.create(new Crate("d-x", null, 1, Set.of("a"), List.of()));
		this.template.create(new Crate("d-y", null, 1, Set.of("a"), List.of()));
		dynamo.requests().reset();

		this.template.transaction((tx) -> {
			// the same entity twice is deleted once, as deleteAllById deletes each id once
			this.shelves.deleteAll(List.of(a, b, a));
			this.shelves.deleteAllById(List.of(c.id(), "d-never"));
			this.crates.deleteAll();
			assertThat(writes(dynamo)).isZero();
		});

		assertThat(writes(dynamo)).isEqualTo(1);
		assertThat(this.shelves.findAllById(List.of(a.id(), b.id(), c.id()))).isEmpty();
		assertThat(dynamo.sortKeys("Shelf#" + a.id())).isEmpty();
		assertThat(dynamo.sortKeys("Shelf#" + c.id())).isEmpty();
		assertThat(this.crates.count()).isZero();
		assertThat(this.crates.findById(x.id())).isEmpty();

		// outside a transaction too, where the second delete would find the entity gone
		Shelf z = this.template.create(new Shelf("d-z", null, "z"));
		this.shelves.deleteAll(List.of(z, z));
		assertThat(dynamo.sortKeys("Shelf#" + z.id())).isEmpty();
	}

	@Test
	void repositoryDeletesAndSavesOfARolledBackTransactionSendNothing() {
		Shelf a = this.template.create(new Shelf("r-a", null, "a"));
		Crate x = this.template.create(new Crate("r-x", null, 1, Set.of("a"), List.of()));
		dynamo.requests().reset();

		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.template.transaction((tx) -> {
			this.shelves.deleteAll(List.of(a));
			this.crates.deleteAll();
			this.shelves.saveAll(List.of(new Shelf("r-new", null, "n")));
			this.accounts.save(new Account("r-acc", "ann", true));
			throw new IllegalStateException("changed my mind");
		}));

		assertThat(writes(dynamo)).isZero();
		assertThat(this.shelves.findById(a.id())).contains(a);
		assertThat(this.crates.findById(x.id())).contains(x);
		assertThat(this.shelves.findById("r-new")).isEmpty();
		assertThat(this.accounts.findById("r-acc")).isEmpty();
	}

	@Test
	void aStaleEntityInARepositoryDeleteAllCancelsTheWholeTransactionNamingIt() {
		Shelf a = this.template.create(new Shelf("st-a", null, "a"));
		Shelf b = this.template.create(new Shelf("st-b", null, "b"));
		this.template.update(b.withLabel("changed meanwhile"));
		dynamo.requests().reset();

		TransactionCancelledException cancelled = catchThrowableOfType(TransactionCancelledException.class,
				() -> this.template.transaction((tx) -> this.shelves.deleteAll(List.of(a, b))));

		assertThat(cancelled).isNotNull();
		assertThat(cancelled.getFailures()).singleElement().satisfies((failure) -> {
			assertThat(failure.index()).isEqualTo(1);
			assertThat(failure.operation()).isEqualTo("delete");
			assertThat(failure.id()).isEqualTo(b.id());
			assertThat(failure.reason()).isEqualTo(Reason.VERSION_CONFLICT);
		});
		assertThat(this.shelves.findById(a.id())).contains(a);
		assertThat(this.shelves.findById(b.id()).orElseThrow().version()).isEqualTo(2);
	}

	@Test
	void repositoryWritesOfAnAuditedCountedTypeCarryTheirRowsAndCountsInTheOneRequestAndACancelLeavesNone() {
		this.template.setTrackCounts(true);
		SimpleSingleTableRepository<Ledger> ledgers = repository(this.template, Ledger.class);
		Ledger kept = ledgers.save(new Ledger("l-kept", null, "k"));
		Ledger gone = ledgers.save(new Ledger("l-gone", null, "g"));
		Ledger stale = ledgers.save(new Ledger("l-stale", null, "s"));
		ledgers.save(stale.withText("moved on"));
		long rows = this.template.auditLog().forType("Ledger").stream().count();
		assertThat(this.template.countsByType()).containsEntry("Ledger", 3L);
		dynamo.requests().reset();

		this.template.transaction((tx) -> {
			ledgers.saveAll(List.of(kept.withText("k2"), new Ledger("l-new", null, "n")));
			ledgers.deleteAll(List.of(gone));
			ledgers.deleteAllById(List.of("l-never"));
		});

		assertThat(writes(dynamo)).isEqualTo(1);
		assertThat(this.template.countsByType()).containsEntry("Ledger", 3L);
		List<dev.singletable.core.audit.AuditEntry> written = this.template.auditLog()
			.forType("Ledger")
			.stream()
			.limit(3)
			.toList();
		assertThat(this.template.auditLog().forType("Ledger").stream().count()).isEqualTo(rows + 3);
		assertThat(written).extracting(dev.singletable.core.audit.AuditEntry::operation)
			.containsExactlyInAnyOrder("UPDATE", "CREATE", "DELETE");
		assertThat(written).extracting(dev.singletable.core.audit.AuditEntry::transactionId).doesNotContainNull()
			.containsOnly(written.get(0).transactionId());

		dynamo.requests().reset();
		TransactionCancelledException cancelled = catchThrowableOfType(TransactionCancelledException.class,
				() -> this.template.transaction((tx) -> {
					ledgers.save(new Ledger("l-lost", null, "x"));
					ledgers.deleteAll(List.of(stale));
				}));

		assertThat(cancelled.getFailures()).singleElement()
			.satisfies((failure) -> assertThat(failure.id()).isEqualTo("l-stale"));
		assertThat(this.template.countsByType()).containsEntry("Ledger", 3L);
		assertThat(this.template.auditLog().forType("Ledger").stream().count()).isEqualTo(rows + 3);
		assertThat(ledgers.findById("l-lost")).isEmpty();
		assertThat(ledgers.findById("l-stale")).isPresent();
	}

}
