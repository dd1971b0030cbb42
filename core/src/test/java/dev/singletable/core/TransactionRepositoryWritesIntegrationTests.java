package dev.singletable.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.TransactionCancelledException.Reason;
import dev.singletable.core.contract.Account;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.repository.contracts.Lease;
import dev.singletable.repository.support.SimpleSingleTableRepository;
import dev.singletable.test.DynamoDbLocalExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Transactions (from issue 14): repository writes of every kind inside a transaction, atomic
 * operations at their edges, expiring and singleton types in transactions, and transactional reads.
 */
class TransactionRepositoryWritesIntegrationTests {

	private static final List<String> WRITES = List.of("TransactWriteItems", "PutItem", "UpdateItem", "DeleteItem",
			"BatchWriteItem");

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private SingleTableTemplate template;

	private SimpleSingleTableRepository<Shelf> shelves;

	private SimpleSingleTableRepository<Crate> crates;

	private SimpleSingleTableRepository<Account> accounts;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		this.shelves = repository(Shelf.class);
		this.crates = repository(Crate.class);
		this.accounts = repository(Account.class);
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
			assertThat(writes()).isZero();
		});

		assertThat(writes()).isEqualTo(1);
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
			assertThat(writes()).isZero();
		});

		assertThat(writes()).isEqualTo(1);
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

		assertThat(writes()).isZero();
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
		SimpleSingleTableRepository<Ledger> ledgers = repository(Ledger.class);
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

		assertThat(writes()).isEqualTo(1);
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

		assertThat(writes()).isZero();
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

	// ---- expiring and singleton types ------------------------------------------------------------------

	@Test
	void anExpiredItemThatReadsHideIsMissingForTheChecksAndAtomicChangesOfATransaction() {
		Pass expired = this.template.create(new Pass("p-expired", null, 1, Instant.now().minusSeconds(60)));
		Pass live = this.template.create(new Pass("p-live", null, 1, Instant.now().plusSeconds(3600)));
		assertThat(this.template.findById(Pass.class, expired.id())).isEmpty();
		assertThat(dynamo.storedItem("Pass#" + expired.id(), "Pass#" + expired.id())).isNotEmpty();

		for (java.util.function.Consumer<SingleTableTransaction> missing : List.<java.util.function.Consumer<SingleTableTransaction>>of(
				(tx) -> tx.requireExists(Pass.class, expired.id()), (tx) -> tx.requireVersion(expired, 1),
				(tx) -> tx.increment(Pass.class, expired.id(), "uses", 1))) {
			TransactionCancelledException cancelled = catchThrowableOfType(TransactionCancelledException.class,
					() -> this.template.transaction((tx) -> {
						tx.increment(Pass.class, live.id(), "uses", 1);
						missing.accept(tx);
					}));
			assertThat(cancelled).isNotNull();
			assertThat(cancelled.getFailures()).singleElement().satisfies((failure) -> {
				assertThat(failure.index()).isEqualTo(1);
				assertThat(failure.reason()).isEqualTo(Reason.NOT_FOUND);
				assertThat(failure.exception()).isInstanceOf(NoSuchResourceException.class);
			});
		}
		assertThatExceptionOfType(NoSuchResourceException.class)
			.isThrownBy(() -> this.template.increment(Pass.class, expired.id(), "uses", 1));
		this.template.transaction((tx) -> {
			tx.requireAbsent(Pass.class, expired.id());
			tx.requireVersion(live, 1);
		});

		assertThat(this.template.getById(Pass.class, live.id()).uses()).isEqualTo(1);
		assertThat(dynamo.storedItem("Pass#" + expired.id(), "Pass#" + expired.id()).get("uses").n()).isEqualTo("1");
	}

	@Test
	void aPlainResourceCreatedOverAnExpiredItemThatReadsHideReplacesItAndALiveOneStillRefusesIt() {
		Instant past = Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		Instant future = Instant.now().plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		this.template.create(new Pass("re-1", null, 1, past));
		this.template.create(new Pass("re-2", null, 1, past));
		this.template.create(new Lease("re-3", null, "old", 1, past));
		Pass live = this.template.create(new Pass("re-live", null, 1, future));
		assertThat(this.template.findAllById(Pass.class, List.of("re-1", "re-2"))).isEmpty();

		Pass created = this.template.create(new Pass("re-1", null, 5, future));
		this.template.transaction((tx) -> {
			tx.create(new Pass("re-2", null, 6, future));
			tx.save(new Lease("re-3", null, "new", 7, future));
		});

		assertThat(created.version()).isEqualTo(1);
		assertThat(this.template.getById(Pass.class, "re-1")).isEqualTo(created);
		assertThat(this.template.getById(Pass.class, "re-2").uses()).isEqualTo(6);
		assertThat(this.template.getById(Lease.class, "re-3").holder()).isEqualTo("new");
		assertThatExceptionOfType(DuplicateResourceException.class)
			.isThrownBy(() -> this.template.create(new Pass(live.id(), null, 9, future)));
		TransactionCancelledException cancelled = catchThrowableOfType(TransactionCancelledException.class,
				() -> this.template.transaction((tx) -> tx.create(new Pass(live.id(), null, 9, future))));
		assertThat(cancelled.getFailures()).singleElement()
			.satisfies((failure) -> assertThat(failure.reason()).isEqualTo(Reason.ALREADY_EXISTS));
		assertThat(this.template.getById(Pass.class, live.id())).isEqualTo(live);
	}

	@Test
	void aSingletonIsWrittenInATransactionUnderItsOwnIdAndAnotherIdFailsBeforeSending() {
		dynamo.requests().reset();

		AtomicReference<Setting> created = new AtomicReference<>();
		this.template.transaction((tx) -> created.set(tx.create(new Setting(null, null, "dark"))));
		assertThatExceptionOfType(SingletonUsageException.class)
			.isThrownBy(() -> this.template.transaction((tx) -> tx.create(new Setting("other", null, "light"))))
			.withMessageContaining("Setting");
		assertThat(dynamo.requests().count("TransactWriteItems")).isEqualTo(1);
		this.template.transaction((tx) -> tx.update(created.get().withTheme("light")));

		assertThat(created.get().id()).isEqualTo("Setting");
		assertThat(this.template.findSingleton(Setting.class)).hasValueSatisfying((setting) -> {
			assertThat(setting.theme()).isEqualTo("light");
			assertThat(setting.version()).isEqualTo(2);
		});
		SingleTableSnapshot snapshot = this.template.readTransaction((r) -> r.get(Setting.class, "Setting"));
		assertThat(snapshot.get(Setting.class, "Setting")).hasValueSatisfying(
				(setting) -> assertThat(setting.version()).isEqualTo(2));
	}

	// ---- transactional reads ---------------------------------------------------------------------------

	@Test
	void aReadTransactionReturnsTheLatestVersionsAndRefusesTypesThatAreNoEntitiesBeforeSending() {
		Shelf shelf = this.template.update(this.template.create(new Shelf("rt-1", null, "a")).withLabel("b"));
		Crate crate = this.template.create(new Crate("rt-2", null, 1, Set.of("a"), List.of()));
		dynamo.requests().reset();

		SingleTableSnapshot snapshot = this.template.readTransaction((r) -> {
			r.get(Shelf.class, shelf.id());
			r.get(Shelf.class, shelf.id());
			r.get(Crate.class, crate.id());
			r.get(Crate.class, "rt-missing");
		});

		assertThat(dynamo.requests().operations()).containsExactly("TransactGetItems");
		assertThat(snapshot.get(Shelf.class, shelf.id())).contains(shelf);
		assertThat(snapshot.get(Crate.class, crate.id())).contains(crate);
		assertThat(snapshot.get(Crate.class, "rt-missing")).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> snapshot.get(Shelf.class, "rt-other"))
			.withMessageContaining("was not read in this transaction");

		dynamo.requests().reset();
		List<Throwable> failures = new ArrayList<>();
		for (Runnable bad : List.<Runnable>of(() -> this.template.readTransaction((r) -> r.get(String.class, "x")),
				() -> this.template.readTransaction((r) -> r.get(Crate.class, "")),
				() -> this.template.readTransaction((r) -> r.get(Crate.class, null)))) {
			try {
				bad.run();
			}
			catch (RuntimeException ex) {
				failures.add(ex);
			}
		}
		assertThat(failures).hasSize(3);
		assertThat(dynamo.requests().total()).isZero();
	}

	private long writes() {
		return dynamo.requests().operations().stream().filter(WRITES::contains).count();
	}

	private <T> SimpleSingleTableRepository<T> repository(Class<T> type) {
		return new SimpleSingleTableRepository<>(this.template.getConverter().getRequiredEntity(type), this.template);
	}

	/** A versioned, uncompressed type. */
	@SingleTableEntity(versioned = true, compression = SingleTableEntity.Compression.DISABLED)
	record Shelf(@Id String id, @Version Long version, String label) {

		Shelf withLabel(String label) {
			return new Shelf(this.id, this.version, label);
		}

	}

	/** A plain type with a version: atomic changes apply and bump it. */
	@SingleTableEntity
	record Crate(@Id String id, @Version Long version, long qty, Set<String> tags, List<String> log) {

		Crate withQty(long qty) {
			return new Crate(this.id, this.version, qty, this.tags, this.log);
		}

	}

	/** A plain type with a set of numbers and maps of text and of anything. */
	@SingleTableEntity
	record Tally(@Id String id, Set<Integer> numbers, Map<String, String> labels, Map<String, Object> loose) {
	}

	/** A plain type whose expired items reads hide. */
	@SingleTableEntity(ttlProperty = "expiresAt", hideExpired = true)
	record Pass(@Id String id, @Version Long version, long uses, Instant expiresAt) {
	}

	/** A versioned, audited type. */
	@SingleTableEntity(versioned = true)
	@dev.singletable.core.mapping.Audited
	record Ledger(@Id String id, @Version Long version, String text) {

		Ledger withText(String text) {
			return new Ledger(this.id, this.version, text);
		}

	}

	/** A versioned singleton. */
	@SingleTableEntity(versioned = true, singleton = true)
	record Setting(@Id String id, @Version Long version, String theme) {

		Setting withTheme(String theme) {
			return new Setting(this.id, this.version, theme);
		}

	}

}
