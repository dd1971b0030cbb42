package dev.singletable.core;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.TransactionCancelledException.Reason;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.repository.contracts.Lease;
import dev.singletable.test.DynamoDbLocalExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Expiring and singleton types in a transaction (from issue 14): an expired item that reads hide is missing for the
 * checks and atomic changes, a plain resource created over one replaces it, and a singleton is written under its own
 * id only.
 */
class TransactionExpiringAndSingletonTypesIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
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

	/** A plain type whose expired items reads hide. */
	@SingleTableEntity(ttlProperty = "expiresAt", hideExpired = true)
	record Pass(@Id String id, @Version Long version, long uses, Instant expiresAt) {
	}

	/** A versioned singleton. */
	@SingleTableEntity(versioned = true, singleton = true)
	record Setting(@Id String id, @Version Long version, String theme) {

		Setting withTheme(String theme) {
			return new Setting(this.id, this.version, theme);
		}

	}

}
