package dev.singletable.evolution;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.schema.IndexDriftException;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Backfills that lose nothing (from issue 25): a TTL added later on a versioned type's history, a resource deleted
 * while a backfill runs, a transform that throws, a run id reused for another type.
 */
class BackfillRewriteSafetyIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	@SingleTableEntity(prefix = "Lease", versioned = true)
	record LeaseBefore(@Id String id, @Version Long version, String tenant, Instant expiresAt) {

	}

	@SingleTableEntity(prefix = "Lease", versioned = true, ttlProperty = "expiresAt")
	record LeaseAfter(@Id String id, @Version Long version, String tenant, Instant expiresAt) {

	}

	@SingleTableEntity(prefix = "Coupon")
	record CouponBefore(@Id String id, String code, Instant expiresAt) {

	}

	@SingleTableEntity(prefix = "Coupon", ttlProperty = "expiresAt")
	record CouponAfter(@Id String id, String code, Instant expiresAt) {

	}

	@SingleTableEntity(prefix = "Badge", versioned = true)
	record Badge(@Id String id, @Version Long version, String name) {

		Badge renamed(String name) {
			return new Badge(this.id, this.version, name);
		}

	}

	@SingleTableEntity(prefix = "Sticker")
	record Sticker(@Id String id, String name) {

	}

	@SingleTableEntity(prefix = "Parcel", versioned = true)
	record Parcel(@Id String id, @Version Long version, String owner, String status) {

	}

	@SingleTableEntity(prefix = "Parcel", versioned = true)
	@IndexKey(index = "gsi2", partition = "owner#{owner}")
	record ParcelByOwner(@Id String id, @Version Long version, String owner, String status) {

	}

	private static SingleTableTemplate application(Class<?> type) {
		SingleTableTemplate template = template();
		template.getConverter().getMappingContext().getRequiredPersistentEntity(type);
		return template;
	}

	@Test
	void aForEachThatRewroteSomeResourcesDoesNotEndTheDriftOfAnIndexItDidNotWriteOnTheOthers() {
		SingleTableTemplate first = application(Parcel.class);
		new SingleTableDefinitions(first).check();
		first.create(new Parcel("P1", null, "ann", "open"));
		first.create(new Parcel("P2", null, "ann", "closed"));
		SingleTableTemplate second = application(ParcelByOwner.class);
		SingleTableDefinitions definitions = new SingleTableDefinitions(second);
		second.setIndexDriftGuard(definitions);
		assertThat(definitions.check().refusing()).isNotEmpty();
		SingleTableBackfills backfills = new SingleTableBackfills(second);
		backfills.addListener(definitions);

		// only the open parcel is rewritten (and so indexed); the closed one keeps no gsi2pk
		BackfillResult result = backfills.forEach(ParcelByOwner.class,
				(parcel) -> "open".equals(parcel.status())
						? new ParcelByOwner(parcel.id(), parcel.version(), parcel.owner(), "opened") : parcel,
				BackfillOptions.defaults().withRewriteMode(RewriteMode.IN_PLACE));
		assertThat(result.itemsWritten()).isEqualTo(1);
		assertThat(dynamo.storedItem("Parcel#P2", "v0")).doesNotContainKey("gsi2pk");

		// the index still misses P2: its queries stay refused until a reindex
		assertThat(definitions.getReport().refusing()).isNotEmpty();
		assertThatExceptionOfType(IndexDriftException.class)
			.isThrownBy(() -> second.query(ParcelByOwner.class).index("gsi2").partition("owner#ann").all());
		backfills.reindex(ParcelByOwner.class);
		assertThat(definitions.getReport().refusing()).isEmpty();
		assertThat(second.query(ParcelByOwner.class).index("gsi2").partition("owner#ann").all()).hasSize(2);
	}

	@SingleTableEntity(prefix = "Shelf")
	@IndexKey(index = "gsi3", partition = "room#{room}", sort = "{label}")
	record Shelf(@Id String id, String room, String label) {

	}

	@SingleTableEntity(prefix = "Shelf")
	@IndexKey(index = "gsi3", partition = "room#{room}", sort = "{label}#{id}")
	record ShelfSortedById(@Id String id, String room, String label) {

	}

	@SingleTableEntity(prefix = "Lamp")
	@IndexKey(index = "gsi3", partition = "room#{room}", sort = "{label}")
	record Lamp(@Id String id, String room, String label) {

	}

	@Test
	void aChangedSortTemplateIsDriftOfItsIndexAndAQueryAnyWithTheCleanTypeIsRefusedToo() {
		SingleTableTemplate first = application(Shelf.class);
		first.getConverter().getMappingContext().getRequiredPersistentEntity(Lamp.class);
		new SingleTableDefinitions(first).check();
		first.create(new Shelf("S1", "hall", "top"));
		first.create(new Lamp("L1", "hall", "desk"));

		SingleTableTemplate second = application(ShelfSortedById.class);
		second.getConverter().getMappingContext().getRequiredPersistentEntity(Lamp.class);
		SingleTableDefinitions definitions = new SingleTableDefinitions(second);
		second.setIndexDriftGuard(definitions);
		DriftReport report = definitions.check();

		assertThat(report.refusing()).singleElement().satisfies((drift) -> {
			assertThat(drift.type()).isEqualTo(ShelfSortedById.class);
			assertThat(drift.subject()).isEqualTo("gsi3");
			assertThat(drift.change()).contains("gsi3sk = '{label}' to").contains("gsi3sk = '{label}#{resource_id}'");
		});
		assertThatExceptionOfType(IndexDriftException.class)
			.isThrownBy(() -> second.query(ShelfSortedById.class).index("gsi3").partition("room#hall").all());
		// the lamps, on the same index and partition, did not drift
		assertThat(second.query(Lamp.class).index("gsi3").partition("room#hall").all()).hasSize(1);
		// a query of both types would miss the shelves sorted the former way
		assertThatExceptionOfType(IndexDriftException.class).isThrownBy(
				() -> second.queryAny(ShelfSortedById.class, Lamp.class).index("gsi3").partition("room#hall").all());

		new SingleTableBackfills(second).reindex(ShelfSortedById.class);
		assertThat(dynamo.storedItem("Shelf#S1", "Shelf#S1").get("gsi3sk").s()).isEqualTo("top#S1");
	}

	@Test
	void aTableFromBeforeDriftDetectionIsRecordedAsItIsAndALaterChangeIsDrift() {
		// items written by a version without drift detection: no record
		SingleTableTemplate older = application(Parcel.class);
		older.create(new Parcel("O1", null, "cy", "open"));
		assertThat(dynamo.storedItem("_INTERNAL#Definitions", "Parcel")).isNullOrEmpty();

		DriftReport baseline = new SingleTableDefinitions(application(Parcel.class)).check();
		assertThat(baseline.hasDrift()).isFalse();
		assertThat(dynamo.storedItem("_INTERNAL#Definitions", "Parcel")).isNotEmpty();

		DriftReport changed = new SingleTableDefinitions(application(ParcelByOwner.class)).check();
		assertThat(changed.refusing()).singleElement().satisfies((drift) -> assertThat(drift.subject()).isEqualTo("gsi2"));
	}

	@SingleTableEntity(prefix = "Theme", versioned = true, singleton = true)
	record ThemeBefore(@Id String id, @Version Long version, String mode) {

	}

	@SingleTableEntity(prefix = "Theme", versioned = true, singleton = true)
	@IndexKey(index = "gsi1", partition = "theme#{mode}")
	record ThemeAfter(@Id String id, @Version Long version, String mode) {

	}

	@SingleTableEntity(prefix = "Score")
	record ScoreBefore(@Id String id, String player, String points) {

	}

	@SingleTableEntity(prefix = "Score")
	@IndexKey(index = "gsitype", sort = "{points}")
	record ScoreByPoints(@Id String id, String player, String points) {

	}

	@Test
	void aSingletonIsReindexed() {
		ThemeBefore theme = template().create(new ThemeBefore(null, null, "dark"));
		template().update(new ThemeBefore(theme.id(), theme.version(), "light"));

		BackfillResult result = new SingleTableBackfills(template()).reindex(ThemeAfter.class);

		assertThat(result.itemsRead()).isEqualTo(1);
		assertThat(result.itemsWritten()).isEqualTo(1);
		assertThat(template().query(ThemeAfter.class).index("gsi1").partition("theme#light").all()).singleElement()
			.satisfies((found) -> assertThat(found.version()).isEqualTo(2));
	}

	@Test
	void aTypeIndexSortKeyDeclaredLaterIsWrittenByReindexOnEveryItem() {
		SingleTableTemplate before = template();
		for (int i = 0; i < 30; i++) {
			before.create(new ScoreBefore(String.format("S%02d", i), "p" + i, String.format("%04d", (i * 37) % 100)));
		}

		BackfillResult result = new SingleTableBackfills(template()).reindex(ScoreByPoints.class,
				BackfillOptions.defaults().withSegments(4).withThreads(2));

		assertThat(result.itemsRead()).isEqualTo(30);
		assertThat(result.itemsWritten()).isEqualTo(30);
		for (int i = 0; i < 30; i++) {
			String id = String.format("S%02d", i);
			assertThat(dynamo.storedItem("Score#" + id, "Score#" + id).get("gsitypesk").s())
				.isEqualTo(String.format("%04d", (i * 37) % 100));
		}
		assertThat(template().query(ScoreByPoints.class).all()).extracting(ScoreByPoints::points).isSorted().hasSize(30);
	}

	@Test
	void optionsRefuseNonsenseNamingTheOption() {
		assertThatIllegalArgumentException().isThrownBy(() -> BackfillOptions.defaults().withSegments(0))
			.withMessageContaining("segments");
		assertThatIllegalArgumentException().isThrownBy(() -> BackfillOptions.defaults().withThreads(0))
			.withMessageContaining("threads");
		assertThatIllegalArgumentException().isThrownBy(() -> BackfillOptions.defaults().withMaxCapacityPerSecond(-1))
			.withMessageContaining("capacity");
		assertThatIllegalArgumentException().isThrownBy(() -> BackfillOptions.defaults().withMaxAttempts(0))
			.withMessageContaining("attempts");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BackfillOptions.defaults().withLeaseDuration(java.time.Duration.ZERO))
			.withMessageContaining("lease");
	}

	@Test
	void newVersionsOfAPlainTypeThatCannotBeConditionedAreRefusedBeforeAnyWrite() {
		SingleTableTemplate template = template();
		template.create(new Sticker("U1", "one"));

		// the template updates a plain entity without @Version or @LastModifiedDate unconditionally: a user's
		// write between the backfill's read and its update would be lost
		assertThatExceptionOfType(org.springframework.dao.InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> new SingleTableBackfills(template()).forEach(Sticker.class,
					(sticker) -> new Sticker(sticker.id(), sticker.name() + "!"),
					BackfillOptions.defaults().withRewriteMode(RewriteMode.NEW_VERSION)))
			.withMessageContaining("Sticker")
			.withMessageContaining("@LastModifiedDate")
			.withMessageContaining("RewriteMode.IN_PLACE");
		assertThat(template.findById(Sticker.class, "U1")).get().extracting(Sticker::name).isEqualTo("one");
	}

	@Test
	void aUserWriteBetweenTheReadAndTheInPlaceRewriteOfAPlainResourceWithoutTimestampsIsNotLost() {
		SingleTableTemplate template = template();
		template.create(new Sticker("U2", "one"));
		java.util.concurrent.atomic.AtomicBoolean userWrote = new java.util.concurrent.atomic.AtomicBoolean();

		new SingleTableBackfills(template()).forEach(Sticker.class, (sticker) -> {
			if (sticker.id().equals("U2") && userWrote.compareAndSet(false, true)) {
				template.update(new Sticker("U2", "user"));
			}
			return new Sticker(sticker.id(), sticker.name() + "!");
		}, BackfillOptions.defaults().withRewriteMode(RewriteMode.IN_PLACE));

		assertThat(template.findById(Sticker.class, "U2")).get().extracting(Sticker::name).isEqualTo("user!");
	}

	@Test
	void aVersionEqualAsADottedNumberIsTheSameMigrationAndIsNotAppliedTwice() {
		java.util.List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
		SingleTableBackfills backfills = new SingleTableBackfills(template());
		new SingleTableMigrations(backfills, java.util.List.of(SingleTableMigration.version("5")
			.description("five")
			.run("count", (ignored) -> ran.add("5"))
			.build())).migrate();
		assertThat(ran).containsExactly("5");

		// declared again as 5.0 (equal to 5, as the ordering says): not a new migration to run again
		SingleTableMigrations renamed = new SingleTableMigrations(backfills, java.util.List.of(SingleTableMigration
			.version("5.0")
			.description("five")
			.run("count", (ignored) -> ran.add("5.0"))
			.build()));
		assertThat(renamed.info()).singleElement().satisfies((info) -> assertThat(info.state()).isEqualTo(MigrationState.SUCCESS));
		// one migration, one checksum (computed from the canonical version): accepted as applied, not run again
		assertThat(renamed.migrate()).singleElement()
			.satisfies((info) -> assertThat(info.state()).isEqualTo(MigrationState.SUCCESS));
		assertThat(ran).containsExactly("5");
	}

	private static SingleTableTemplate template() {
		return BackfillFixtures.template(dynamo.client(), dynamo.tableName());
	}

	@Test
	void aTtlAddedLaterIsWrittenByReindexOnTheLatestAndEveryVersionItemAsAnUpdateWritesIt() {
		SingleTableTemplate before = template();
		Instant expires = Instant.parse("2030-01-01T00:00:00Z");
		LeaseBefore lease = before.create(new LeaseBefore("L1", null, "acme", expires));
		lease = before.update(new LeaseBefore(lease.id(), lease.version(), "acme-2", expires));
		assertThat(dynamo.storedItem("Lease#L1", "v1")).doesNotContainKey("ttl");

		BackfillResult result = new SingleTableBackfills(template()).reindex(LeaseAfter.class);

		assertThat(result.itemsWritten()).isEqualTo(1);
		String seconds = Long.toString(expires.getEpochSecond());
		assertThat(dynamo.storedItem("Lease#L1", "v0").get("ttl").n()).isEqualTo(seconds);
		// the history items carry the TTL an update writes on them: without it the latest item expires and its
		// history stays forever
		assertThat(dynamo.storedItem("Lease#L1", "v1").get("ttl")).isEqualTo(AttributeValue.fromN(seconds));
		assertThat(dynamo.storedItem("Lease#L1", "v2").get("ttl")).isEqualTo(AttributeValue.fromN(seconds));
		// as a write of the new definition does
		SingleTableTemplate after = template();
		LeaseAfter written = after.create(new LeaseAfter("L2", null, "acme", expires));
		after.update(new LeaseAfter(written.id(), written.version(), "acme-3", expires));
		assertThat(dynamo.storedItem("Lease#L2", "v1").get("ttl")).isEqualTo(AttributeValue.fromN(seconds));

		// done: a second run writes nothing
		BackfillResult again = new SingleTableBackfills(template()).reindex(LeaseAfter.class);
		assertThat(again.itemsWritten()).isZero();
	}

	@Test
	void aTtlAddedLaterIsWrittenByReindexOnPlainItems() {
		Instant expires = Instant.parse("2031-01-01T00:00:00Z");
		template().create(new CouponBefore("C1", "SAVE", expires));
		template().create(new CouponBefore("C2", "MORE", null));

		BackfillResult result = new SingleTableBackfills(template()).reindex(CouponAfter.class);

		assertThat(result.itemsRead()).isEqualTo(2);
		assertThat(result.itemsWritten()).isEqualTo(1);
		assertThat(result.itemsUnchanged()).isEqualTo(1);
		assertThat(dynamo.storedItem("Coupon#C1", "Coupon#C1").get("ttl").n())
			.isEqualTo(Long.toString(expires.getEpochSecond()));
		assertThat(dynamo.storedItem("Coupon#C2", "Coupon#C2")).doesNotContainKey("ttl");
	}

	@Test
	void aResourceDeletedWhileForEachRunsIsSkippedAndNotResurrected() {
		SingleTableTemplate template = template();
		template.create(new Badge("B1", null, "one"));
		template.create(new Badge("B2", null, "two"));
		template.create(new Sticker("S1", "one"));

		// the transform deletes the resource before the backfill writes it: the write's condition finds it gone
		BackfillResult badges = new SingleTableBackfills(template()).forEach(Badge.class, (badge) -> {
			if (badge.id().equals("B1")) {
				template.deleteById(Badge.class, "B1");
			}
			return badge.renamed(badge.name() + "!");
		}, BackfillOptions.defaults().withRewriteMode(RewriteMode.IN_PLACE));
		BackfillResult stickers = new SingleTableBackfills(template()).forEach(Sticker.class, (sticker) -> {
			template.deleteById(Sticker.class, sticker.id());
			return new Sticker(sticker.id(), sticker.name() + "!");
		}, BackfillOptions.defaults().withRewriteMode(RewriteMode.IN_PLACE));

		assertThat(template.findById(Badge.class, "B1")).isEmpty();
		assertThat(dynamo.storedItem("Badge#B1", "v0")).isNullOrEmpty();
		assertThat(dynamo.storedItem("Badge#B1", "v1")).isNullOrEmpty();
		assertThat(template.findById(Badge.class, "B2")).hasValueSatisfying((badge) -> assertThat(badge.name()).isEqualTo("two!"));
		assertThat(badges.itemsWritten()).isEqualTo(1);
		assertThat(template.findById(Sticker.class, "S1")).isEmpty();
		assertThat(dynamo.storedItem("Sticker#S1", "Sticker#S1")).isNullOrEmpty();
		assertThat(stickers.itemsWritten()).isZero();
	}

	@Test
	void aResourceDeletedBeforeANewVersionForEachWritesItIsNotResurrected() {
		SingleTableTemplate template = template();
		template.create(new Badge("N1", null, "one"));
		new SingleTableBackfills(template()).forEach(Badge.class, (badge) -> {
			if (badge.id().equals("N1")) {
				template.deleteById(Badge.class, "N1");
			}
			return badge.renamed(badge.name() + "!");
		}, BackfillOptions.defaults().withRewriteMode(RewriteMode.NEW_VERSION));

		assertThat(template.findById(Badge.class, "N1")).isEmpty();
		assertThat(dynamo.storedItem("Badge#N1", "v0")).isNullOrEmpty();
		assertThat(dynamo.storedItem("Badge#N1", "v2")).isNullOrEmpty();
	}

	@Test
	void aTransformThatThrowsFailsTheRunNamingTheResourceAndTheRunResumes() {
		SingleTableTemplate template = template();
		for (int i = 0; i < 5; i++) {
			template.create(new Sticker("T" + i, "name " + i));
		}
		AtomicInteger calls = new AtomicInteger();
		BackfillOptions options = BackfillOptions.defaults().withRunId("stickers-shout").withSegments(1).withThreads(1);
		SingleTableBackfills backfills = new SingleTableBackfills(template());
		assertThatExceptionOfType(BackfillFailedException.class).isThrownBy(() -> backfills.forEach(Sticker.class, (sticker) -> {
			calls.incrementAndGet();
			if (sticker.id().equals("T3")) {
				throw new IllegalStateException("no T3 today");
			}
			return new Sticker(sticker.id(), sticker.name().toUpperCase());
		}, options))
			.withMessageContaining("forEach Sticker (run stickers-shout)")
			.withMessageContaining("pk 'Sticker#T3'")
			.withMessageContaining("no T3 today")
			.withMessageContaining("run it again with run id 'stickers-shout'")
			.withCauseInstanceOf(IllegalStateException.class)
			.satisfies((ex) -> {
				assertThat(ex.getPartitionKey()).isEqualTo("Sticker#T3");
				assertThat(ex.getResult().itemsWritten()).isEqualTo(calls.get() - 1);
			});
		// the failed run released its segment (a resumed run on this instance or another takes it at once)
		assertThat(dynamo.storedItem("_INTERNAL#Backfill#stickers-shout", "segment#0000000")).doesNotContainKey("owner");

		BackfillResult resumed = backfills.forEach(Sticker.class,
				(sticker) -> new Sticker(sticker.id(), sticker.name().toUpperCase()), options);
		// what the failed run wrote is found right and not written again
		assertThat(resumed.itemsWritten()).isEqualTo(5 - (calls.get() - 1));
		assertThat(resumed.itemsWritten() + resumed.itemsUnchanged()).isEqualTo(5);
		for (int i = 0; i < 5; i++) {
			assertThat(template.findById(Sticker.class, "T" + i)).get().extracting(Sticker::name).isEqualTo("NAME " + i);
		}
	}

	@Test
	void aRunIdReusedForAnotherTypeIsRefusedNamingIt() {
		template().create(new Sticker("R1", "a"));
		template().create(new Badge("R2", null, "b"));
		SingleTableBackfills backfills = new SingleTableBackfills(template());
		BackfillOptions options = BackfillOptions.defaults().withRunId("shared-run");
		backfills.forEach(Sticker.class, (sticker) -> sticker, options);

		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> backfills.forEach(Badge.class, (badge) -> badge, options))
			.withMessageContaining("shared-run")
			.withMessageContaining("Sticker");
		assertThat(template().findById(Badge.class, "R2")).get().extracting(Badge::name).isEqualTo("b");
	}

}
