package dev.singletable.evolution;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.test.DynamoDbLocalExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Backfills that lose nothing and refuse what they cannot do safely (from issue 25): nonsense options, new versions of
 * a plain type that cannot be conditioned, a user write between the read and the in-place rewrite, a resource deleted
 * while a backfill runs or before its new version is written, a transform that throws, a run id reused for another
 * type.
 */
class BackfillRewriteSafetyIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	@SingleTableEntity(prefix = "Badge", versioned = true)
	record Badge(@Id String id, @Version Long version, String name) {

		Badge renamed(String name) {
			return new Badge(this.id, this.version, name);
		}

	}

	@SingleTableEntity(prefix = "Sticker")
	record Sticker(@Id String id, String name) {

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

	private static SingleTableTemplate template() {
		return BackfillFixtures.template(dynamo.client(), dynamo.tableName());
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
