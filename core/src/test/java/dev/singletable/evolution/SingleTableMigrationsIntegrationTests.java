package dev.singletable.evolution;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Recorded migrations on DynamoDB Local: version order, records, checksums, failure and resume, and the fleet's
 * lease (renewal, waiting, takeover after a holder stopped, a holder that lost its lease) with code steps. Two
 * instances are two {@link SingleTableMigrations} on one table, as two application instances would be.
 */
class SingleTableMigrationsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private static final String PARTITION = "_INTERNAL#Migrations";

	private final List<String> ran = Collections.synchronizedList(new ArrayList<>());

	private SingleTableBackfills backfills;

	@BeforeEach
	void setUp() {
		this.backfills = new SingleTableBackfills(new SingleTableTemplate(dynamo.client(), dynamo.tableName()));
	}

	@Test
	void appliesEachMigrationOnceInVersionOrderAndRecordsIt() {
		SingleTableMigrations migrations = migrations(this.backfills, step("10"), step("2"), step("1.1"), step("1"));
		assertThat(migrations.getMigrations()).extracting(SingleTableMigration::getVersion)
			.containsExactly("1", "1.1", "2", "10");

		Instant before = Instant.now();
		List<MigrationInfo> applied = migrations.migrate();

		assertThat(this.ran).containsExactly("1", "1.1", "2", "10");
		assertThat(applied).extracting(MigrationInfo::version).containsExactly("1", "1.1", "2", "10");
		assertThat(applied).extracting(MigrationInfo::state).containsOnly(MigrationState.SUCCESS);
		Map<String, AttributeValue> record = dynamo.storedItem(PARTITION, "version#1.1");
		assertThat(record.get("version").s()).isEqualTo("1.1");
		assertThat(record.get("description").s()).isEqualTo("migration 1.1");
		assertThat(record.get("state").s()).isEqualTo("SUCCESS");
		assertThat(record.get("checksum").s()).isEqualTo(step("1.1").checksum()).hasSize(24);
		assertThat(record.get("steps").n()).isEqualTo("1");
		assertThat(record.get("step").n()).isEqualTo("0");
		assertThat(record.get("items").n()).isEqualTo("0");
		assertThat(Instant.parse(record.get("started_at").s())).isAfterOrEqualTo(before.minusMillis(1));
		assertThat(Instant.parse(record.get("ended_at").s()))
			.isAfterOrEqualTo(Instant.parse(record.get("started_at").s()));
		assertThat(record).doesNotContainKeys("holder", "error", "gsitype", "gsitypesk", "gsi1pk");
		// the lease is given back
		assertThat(dynamo.storedItem(PARTITION, "lease")).doesNotContainKeys("owner", "lease_until");

		this.ran.clear();
		migrations(this.backfills, step("1"), step("1.1"), step("2"), step("10"), step("11")).migrate();
		assertThat(this.ran).containsExactly("11");
	}

	@Test
	void refusesTwoMigrationsOfOneVersionNamingBoth() {
		SingleTableMigration first = SingleTableMigration.version("2").description("add owners").run("a", (b) -> {
		}).build();
		SingleTableMigration second = SingleTableMigration.version("2.0").description("rename titles").run("b", (b) -> {
		}).build();

		assertThatIllegalArgumentException().isThrownBy(() -> migrations(this.backfills, first, second))
			.withMessageContaining("2 'add owners'")
			.withMessageContaining("2.0 'rename titles'")
			.withMessageContaining("same version");
	}

	@Test
	void infoListsPendingAppliedAndRecordedMigrationsInVersionOrder() {
		SingleTableMigrations first = migrations(this.backfills, step("1"));
		first.migrate();
		SingleTableMigrations later = migrations(this.backfills, step("1"), step("3"), step("2"));
		// a version an instance of a newer release applied, which this one does not declare
		migrations(this.backfills, step("1"), step("4")).migrate();

		List<MigrationInfo> info = later.info();

		assertThat(info).extracting(MigrationInfo::version).containsExactly("1", "2", "3", "4");
		assertThat(info).extracting(MigrationInfo::state)
			.containsExactly(MigrationState.SUCCESS, MigrationState.PENDING, MigrationState.PENDING,
					MigrationState.SUCCESS);
		MigrationInfo pending = info.get(1);
		assertThat(pending.checksum()).isEqualTo(step("2").checksum());
		assertThat(pending.startedAt()).isNull();
		assertThat(pending.steps()).isEqualTo(1);
		assertThat(info.get(0).startedAt()).isNotNull();
		assertThat(info.get(0).endedAt()).isNotNull();
	}

	@Test
	void anAppliedMigrationWhoseDeclarationChangedStopsTheRunNamingItAndWhatToDo() {
		migrations(this.backfills, step("1")).migrate();
		this.ran.clear();
		SingleTableMigration changed = SingleTableMigration.version("1")
			.description("migration 1")
			.run("step 1", (b) -> this.ran.add("1"))
			.run("another step", (b) -> this.ran.add("1b"))
			.build();

		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> migrations(this.backfills, changed, step("2")).migrate())
			.satisfies((ex) -> assertThat(ex.getVersion()).isEqualTo("1"))
			.withMessageContaining("Migration 1 'migration 1' was applied with checksum " + step("1").checksum())
			.withMessageContaining(changed.checksum())
			.withMessageContaining("must not change")
			.withMessageContaining("new migration with a higher version");
		assertThat(this.ran).isEmpty();
		assertThat(dynamo.storedItem(PARTITION, "version#2")).isEmpty();
	}

	@Test
	void aMigrationAppliedAsTwoPointZeroIsTheMigrationDeclaredAsTwo() {
		migrations(this.backfills, owners("2.0")).migrate();
		assertThat(this.ran).containsExactly("owners");
		this.ran.clear();

		List<MigrationInfo> info = migrations(this.backfills, owners("2")).migrate();

		assertThat(this.ran).isEmpty();
		assertThat(info).extracting(MigrationInfo::version, MigrationInfo::state)
			.containsExactly(org.assertj.core.api.Assertions.tuple("2.0", MigrationState.SUCCESS));
		assertThat(owners("2").checksum()).isEqualTo(owners("2.0").checksum()).isEqualTo(owners("02.00").checksum());
		// and the other way round
		migrations(this.backfills, owners("2"), owners("3")).migrate();
		this.ran.clear();
		migrations(this.backfills, owners("2.0"), owners("3.0")).migrate();
		assertThat(this.ran).isEmpty();
	}

	@Test
	void aChecksumRecordedOverTheVersionAsWrittenBeforeChecksumsUsedTheCanonicalVersionStaysValid() throws Exception {
		migrations(this.backfills, owners("2.0")).migrate();
		// the checksum an earlier release recorded: over "2.0", the version as written
		byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
			.digest("2.0\nadd owners\nrun owners".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		String legacy = java.util.HexFormat.of().formatHex(digest, 0, 12);
		assertThat(legacy).isNotEqualTo(owners("2.0").checksum());
		dynamo.client()
			.updateItem((request) -> request.tableName(dynamo.tableName())
				.key(Map.of("pk", s(PARTITION), "sk", s("version#2")))
				.updateExpression("SET checksum = :c")
				.expressionAttributeValues(Map.of(":c", s(legacy))));
		this.ran.clear();

		migrations(this.backfills, owners("2.0")).migrate();
		migrations(this.backfills, owners("2")).migrate();

		assertThat(this.ran).isEmpty();
		// a declaration that really changed is still refused
		SingleTableMigration changed = SingleTableMigration.version("2")
			.description("add owners")
			.run("owners again", (b) -> this.ran.add("again"))
			.build();
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> migrations(this.backfills, changed).migrate())
			.withMessageContaining("was applied with checksum " + legacy);
		assertThat(this.ran).isEmpty();
	}

	/** The same migration, declared with the version written as given. */
	private SingleTableMigration owners(String version) {
		return SingleTableMigration.version(version)
			.description("add owners")
			.run("owners", (b) -> this.ran.add("owners"))
			.build();
	}

	@Test
	void aFailedStepIsRecordedStopsTheRunAndTheNextRunResumesAtIt() {
		AtomicInteger attempts = new AtomicInteger();
		SingleTableMigration migration = SingleTableMigration.version("3")
			.description("split names")
			.run("first", (b) -> this.ran.add("first"))
			.run("second", (b) -> {
				this.ran.add("second");
				if (attempts.incrementAndGet() == 1) {
					throw new IllegalStateException("the names service is down");
				}
			})
			.run("third", (b) -> this.ran.add("third"))
			.build();

		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> migrations(this.backfills, migration, step("4")).migrate())
			.withMessageContaining("Migration 3 'split names' failed at step 2 of 3 (run second)")
			.withMessageContaining("IllegalStateException: the names service is down")
			.withMessageContaining("Fix and restart: it resumes from its checkpoints")
			.withCauseInstanceOf(IllegalStateException.class);
		assertThat(this.ran).containsExactly("first", "second");
		Map<String, AttributeValue> failed = dynamo.storedItem(PARTITION, "version#3");
		assertThat(failed.get("state").s()).isEqualTo("FAILED");
		assertThat(failed.get("step").n()).isEqualTo("1");
		assertThat(failed.get("error").s()).contains("step 2 of 3 (run second)").contains("the names service is down");
		assertThat(failed).containsKey("ended_at").doesNotContainKey("holder");
		assertThat(dynamo.storedItem(PARTITION, "version#4")).isEmpty();
		MigrationInfo info = migrations(this.backfills, migration, step("4")).info().get(0);
		assertThat(info.state()).isEqualTo(MigrationState.FAILED);
		assertThat(info.error()).contains("the names service is down");

		this.ran.clear();
		List<MigrationInfo> applied = migrations(this.backfills, migration, step("4")).migrate();

		assertThat(this.ran).containsExactly("second", "third", "4");
		assertThat(applied).extracting(MigrationInfo::state).containsOnly(MigrationState.SUCCESS);
		Map<String, AttributeValue> resumed = dynamo.storedItem(PARTITION, "version#3");
		assertThat(resumed.get("state").s()).isEqualTo("SUCCESS");
		assertThat(resumed.get("step").n()).isEqualTo("2");
		assertThat(resumed).doesNotContainKeys("error", "holder");
		assertThat(resumed.get("started_at")).isEqualTo(failed.get("started_at"));
	}

	@Test
	void aCodeStepIsGivenTheBackfillsAndThroughThemTheTemplate() {
		AtomicReference<SingleTableBackfills> given = new AtomicReference<>();
		SingleTableMigration migration = SingleTableMigration.version("1")
			.description("look around")
			.run("look", given::set)
			.build();

		migrations(this.backfills, migration).migrate();

		assertThat(given.get()).isSameAs(this.backfills);
	}

	@Test
	void anotherInstanceWaitsForTheHolderWhoseLeaseIsRenewedWhileItsStepRunsLongerThanTheLease() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger runs = new AtomicInteger();
		SingleTableMigration slow = SingleTableMigration.version("1").description("slow").run("wait", (b) -> {
			runs.incrementAndGet();
			started.countDown();
			assertThat(release.await(20, TimeUnit.SECONDS)).isTrue();
		}).build();
		SingleTableMigrations first = migrations(this.backfills, slow);
		SingleTableMigrations second = migrations(otherInstanceBackfills(), slow);
		// short leases, renewed every third: a machine stalled for longer than one would let the waiter take over
		first.setLeaseDuration(Duration.ofMillis(1000));
		second.setLeaseDuration(Duration.ofMillis(1000));
		second.setPollInterval(Duration.ofMillis(50));

		CompletableFuture<List<MigrationInfo>> holder = CompletableFuture.supplyAsync(first::migrate);
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<List<MigrationInfo>> waiter = CompletableFuture.supplyAsync(second::migrate);
		// three and a half lease durations: the holder's renewals keep the waiter out
		Thread.sleep(3500);
		assertThat(waiter).isNotDone();
		assertThat(runs).hasValue(1);
		Map<String, AttributeValue> running = dynamo.storedItem(PARTITION, "version#1");
		assertThat(running.get("state").s()).isEqualTo("RUNNING");
		assertThat(running.get("holder").s()).isEqualTo(first.getInstanceId());
		assertThat(dynamo.storedItem(PARTITION, "lease").get("owner").s()).isEqualTo(first.getInstanceId());
		assertThat(second.info().get(0).holder()).isEqualTo(first.getInstanceId());

		release.countDown();

		assertThat(holder.get(10, TimeUnit.SECONDS).get(0).state()).isEqualTo(MigrationState.SUCCESS);
		assertThat(waiter.get(10, TimeUnit.SECONDS).get(0).state()).isEqualTo(MigrationState.SUCCESS);
		assertThat(runs).hasValue(1);
	}

	@Test
	void anInstanceTakesOverFromAHolderThatStoppedOnceItsLeaseEndsResumingAtTheRecordedStep() {
		SingleTableMigration migration = SingleTableMigration.version("5")
			.description("two steps")
			.run("one", (b) -> this.ran.add("one"))
			.run("two", (b) -> this.ran.add("two"))
			.build();
		// what a holder that died during step 2 leaves behind
		String dead = "dead-host:1:abcdef";
		long leaseEnd = System.currentTimeMillis() + 1000;
		dynamo.rawClient()
			.putItem((request) -> request.tableName(dynamo.tableName())
				.item(Map.of("pk", s(PARTITION), "sk", s("lease"), "owner", s(dead), "lease_until",
						AttributeValue.fromN(Long.toString(leaseEnd)))));
		dynamo.rawClient()
			.putItem((request) -> request.tableName(dynamo.tableName())
				.item(Map.ofEntries(Map.entry("pk", s(PARTITION)), Map.entry("sk", s("version#5")),
						Map.entry("version", s("5")), Map.entry("description", s("two steps")),
						Map.entry("checksum", s(migration.checksum())), Map.entry("state", s("RUNNING")),
						Map.entry("step", AttributeValue.fromN("1")), Map.entry("steps", AttributeValue.fromN("2")),
						Map.entry("step_names", AttributeValue.fromL(List.of(s("run one"), s("run two")))),
						Map.entry("items", AttributeValue.fromN("0")),
						Map.entry("started_at", s("2026-01-01T00:00:00Z")), Map.entry("holder", s(dead)))));
		SingleTableMigrations migrations = migrations(this.backfills, migration);
		migrations.setPollInterval(Duration.ofMillis(50));

		migrations.migrate();

		assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(leaseEnd);
		assertThat(this.ran).containsExactly("two");
		Map<String, AttributeValue> record = dynamo.storedItem(PARTITION, "version#5");
		assertThat(record.get("state").s()).isEqualTo("SUCCESS");
		assertThat(record.get("started_at").s()).isEqualTo("2026-01-01T00:00:00Z");
		assertThat(record).doesNotContainKey("holder");
	}

	@Test
	void aHolderThatLostItsLeaseWritesNothingOverTheInstanceThatTookItOver() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger runs = new AtomicInteger();
		SingleTableMigration migration = SingleTableMigration.version("1").description("paused").run("pause", (b) -> {
			if (runs.incrementAndGet() == 1) {
				started.countDown();
				assertThat(release.await(20, TimeUnit.SECONDS)).isTrue();
			}
		}).build();
		SingleTableMigrations paused = migrations(this.backfills, migration);
		paused.setLeaseDuration(Duration.ofMillis(300));
		SingleTableMigrations other = migrations(otherInstanceBackfills(), migration);
		other.setLeaseDuration(Duration.ofMillis(300));
		other.setPollInterval(Duration.ofMillis(50));

		CompletableFuture<List<MigrationInfo>> first = CompletableFuture.supplyAsync(paused::migrate);
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		// the paused instance's requests stop reaching the table: its renewals fail, its lease ends
		dynamo.faults().failNext("UpdateItem", 1000, () -> new IllegalStateException("injected: no network"));
		List<MigrationInfo> taken = other.migrate();
		assertThat(taken.get(0).state()).isEqualTo(MigrationState.SUCCESS);
		assertThat(runs).hasValue(2);
		dynamo.faults().clear();

		release.countDown();

		assertThat(first.get(10, TimeUnit.SECONDS).get(0).state()).isEqualTo(MigrationState.SUCCESS);
		Map<String, AttributeValue> record = dynamo.storedItem(PARTITION, "version#1");
		assertThat(record.get("state").s()).isEqualTo("SUCCESS");
		assertThat(record).doesNotContainKey("holder");
		assertThat(runs).hasValue(2);
		assertThat(dynamo.storedItem(PARTITION, "lease")).doesNotContainKey("owner");
	}

	@Test
	void anInterruptedHolderLeavesTheMigrationRunningAndGivesBackTheLeaseSoAnotherResumesAtOnce() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		AtomicInteger runs = new AtomicInteger();
		SingleTableMigration migration = SingleTableMigration.version("1")
			.description("long")
			.run("prepare", (b) -> this.ran.add("prepare"))
			.run("long", (b) -> {
				if (runs.incrementAndGet() == 1) {
					started.countDown();
					Thread.sleep(30_000);
				}
			})
			.build();
		SingleTableMigrations interrupted = migrations(this.backfills, migration);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread starting = new Thread(() -> {
			try {
				interrupted.migrate();
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		});
		starting.start();
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

		starting.interrupt();
		starting.join(10_000);

		assertThat(failure.get()).isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("Migration 1 'long' stopped at step 2 of 2 (run long)")
			.hasMessageContaining("interrupted");
		Map<String, AttributeValue> record = dynamo.storedItem(PARTITION, "version#1");
		assertThat(record.get("state").s()).isEqualTo("RUNNING");
		assertThat(record.get("step").n()).isEqualTo("1");
		assertThat(record).doesNotContainKey("holder");
		assertThat(dynamo.storedItem(PARTITION, "lease")).doesNotContainKey("owner");

		long start = System.nanoTime();
		// the default 30 s lease: only a given-back lease lets the next instance in at once
		migrations(otherInstanceBackfills(), migration).migrate();

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
		assertThat(runs).hasValue(2);
		assertThat(this.ran).containsExactly("prepare");
	}

	@Test
	void anInstanceInterruptedWhileItWaitsForTheHolderStopsNamingTheMigrationAndLeavesItToTheHolder() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		SingleTableMigration slow = SingleTableMigration.version("1").description("slow").run("wait", (b) -> {
			started.countDown();
			assertThat(release.await(20, TimeUnit.SECONDS)).isTrue();
		}).build();
		SingleTableMigrations holder = migrations(this.backfills, slow);
		SingleTableMigrations waiter = migrations(otherInstanceBackfills(), slow);
		waiter.setPollInterval(Duration.ofMillis(50));
		CompletableFuture<List<MigrationInfo>> holding = CompletableFuture.supplyAsync(holder::migrate);
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread waiting = new Thread(() -> {
			try {
				waiter.migrate();
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		});
		waiting.start();
		Thread.sleep(300);

		waiting.interrupt();
		waiting.join(10_000);

		assertThat(failure.get()).isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("Migration 1 'slow' stopped on this instance")
			.hasMessageContaining("interrupted");
		assertThat(dynamo.storedItem(PARTITION, "version#1").get("holder").s()).isEqualTo(holder.getInstanceId());
		release.countDown();
		assertThat(holding.get(10, TimeUnit.SECONDS).get(0).state()).isEqualTo(MigrationState.SUCCESS);
	}

	private SingleTableBackfills otherInstanceBackfills() {
		return new SingleTableBackfills(new SingleTableTemplate(dynamo.rawClient(), dynamo.tableName()));
	}

	private static SingleTableMigrations migrations(SingleTableBackfills backfills,
			SingleTableMigration... migrations) {
		return new SingleTableMigrations(backfills, List.of(migrations));
	}

	private SingleTableMigration step(String version) {
		return SingleTableMigration.version(version)
			.description("migration " + version)
			.run("step " + version, (b) -> this.ran.add(version))
			.build();
	}

	private static AttributeValue s(String value) {
		return AttributeValue.fromS(value);
	}

}
