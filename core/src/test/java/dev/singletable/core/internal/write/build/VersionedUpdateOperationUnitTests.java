package dev.singletable.core.internal.write.build;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.VersionConflictException;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.internal.format.StorageTimestamps;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.internal.plan.Answer;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.ScriptedDriver;
import dev.singletable.core.internal.write.item.ItemFailures;
import dev.singletable.core.internal.write.unit.BlobStage;
import dev.singletable.core.internal.write.unit.VersionRetention;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write of a versioned resource's next version, on the ScriptedDriver (no server): the history item put if
 * absent and the latest item conditioned on the version it follows, and nothing read; the version leaving the
 * {@code maxVersions} window pruned after the answer, handed off in the resource's order; a restore's check that the
 * restored version is still stored; and what a failed condition means (a stored creation time that differs: the
 * unit built again with it; a stale version; a version deleted meanwhile).
 */
class VersionedUpdateOperationUnitTests {

	private static final String TABLE = "table";

	private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

	private MappingSingleTableConverter converter;

	private WriteSupport support;

	@BeforeEach
	void setUp() {
		this.converter = new MappingSingleTableConverter(new SingleTableMappingContext());
		VersionRetention retention = new VersionRetention(TABLE);
		this.support = WriteSupport.of(TABLE, this.converter, new Timestamps(), retention,
				new BlobStage(TABLE, this.converter, retention, null));
	}

	@Test
	void theNextVersionIsPutIfAbsentAndTheLatestOnTheVersionItFollowsWithoutReadingAnything() {
		ScriptedDriver driver = new ScriptedDriver((request) -> {
			throw new AssertionError("nothing to read: " + request);
		});

		WriteUnit unit = driver.run(operation(new Memo("m1", 4L, CREATED, CREATED, "next"), null).plan(null));

		assertThat(driver.sent()).isEmpty();
		assertThat(unit.items()).hasSize(2);
		TransactWriteItem history = unit.items().get(0);
		TransactWriteItem latest = unit.items().get(1);
		assertThat(history.put().item().get("sk").s()).isEqualTo("v5");
		assertThat(history.put().conditionExpression()).contains("attribute_not_exists");
		assertThat(latest.put().item().get("sk").s()).isEqualTo("v0");
		assertThat(latest.put().item().get("version").n()).isEqualTo("5");
		// on the version it follows, on the creation time it carries, and without the Python layout's attributes the
		// type would drop
		assertThat(latest.put().conditionExpression()).contains("attribute_exists(#pk) AND #version = :expected")
			.contains("#created IN (:created0)")
			.contains("attribute_not_exists(#keep0)");
		assertThat(latest.put().expressionAttributeNames()).containsEntry("#created", "created_at");
		assertThat(latest.put().expressionAttributeValues().get(":expected").n()).isEqualTo("4");
		assertThat(((Memo) unit.result()).version()).isEqualTo(5L);
		assertThat(unit.afterCommit()).as("no window to keep").isNull();
	}

	@Test
	void theVersionLeavingTheWindowIsPrunedAfterTheAnswerInTheResourcesOrder() {
		WriteUnit unit = new ScriptedDriver((request) -> Answer.of(null))
			.run(operation(new Kept("k1", 3L, CREATED, "next"), null).plan(null));

		// maxVersions 3: writing v4 prunes v1, after the answer, never in the transaction
		assertThat(unit.items()).hasSize(2);
		List<Request> after = new ArrayList<>();
		new ScriptedDriver((request) -> {
			after.add(request);
			return Answer.of(null);
		}).run(unit.afterCommit());
		assertThat(after).singleElement().isInstanceOfSatisfying(Request.Background.class,
				(background) -> assertThat(background.serial()).isEqualTo(TABLE + "/Kept#k1"));

		WriteUnit withinTheWindow = new ScriptedDriver((request) -> Answer.of(null))
			.run(operation(new Kept("k1", 1L, CREATED, "next"), null).plan(null));
		assertThat(withinTheWindow.afterCommit()).isNull();
	}

	@Test
	void aStoredCreationTimeThatDiffersFromTheCarriedOneBuildsTheUnitAgainWithTheStoredOne() {
		WriteUnit unit = new ScriptedDriver((request) -> Answer.of(null))
			.run(operation(new Memo("m1", 1L, CREATED, CREATED, "next"), null).plan(null));
		assertThat(unit.items().get(1).put().conditionExpression()).contains("#created IN (:created0)");
		Instant stored = Instant.parse("2025-06-01T00:00:00Z");
		Map<String, AttributeValue> old = new HashMap<>(unit.items().get(1).put().item());
		old.put("version", AttributeValue.fromN("1"));
		old.put("created_at", AttributeValue.fromS(StorageTimestamps.format(stored)));

		WriteUnit.Outcome outcome = unit.onFailure().apply(failedLatest(old));

		assertThat(outcome.retry()).isNotNull();
		WriteUnit again = new ScriptedDriver((request) -> Answer.of(null)).run(outcome.retry());
		assertThat(((Memo) again.result()).createdAt()).isEqualTo(stored);
		assertThat(again.items().get(1).put().item().get("created_at").s())
			.isEqualTo(StorageTimestamps.format(stored));
	}

	@Test
	void aLatestItemOfAnotherVersionIsAConflictNamingBoth() {
		WriteUnit unit = new ScriptedDriver((request) -> Answer.of(null))
			.run(operation(new Memo("m1", 2L, CREATED, CREATED, "next"), null).plan(null));
		Map<String, AttributeValue> old = new HashMap<>(unit.items().get(1).put().item());
		old.put("version", AttributeValue.fromN("7"));

		WriteUnit.Outcome outcome = unit.onFailure().apply(failedLatest(old));

		assertThat(outcome.failure()).isInstanceOfSatisfying(VersionConflictException.class, (conflict) -> {
			assertThat(conflict.getExpected()).isEqualTo(2L);
			assertThat(conflict.getActual()).isEqualTo(7L);
		});
	}

	@Test
	void aRestoreChecksTheRestoredVersionIsStillStoredAndSaysSoWhenItWasDeleted() {
		WriteUnit unit = new ScriptedDriver((request) -> Answer.of(null))
			.run(operation(new Memo("m1", 3L, CREATED, CREATED, "as in v1"), 1L).plan(null));

		assertThat(unit.items()).hasSize(3);
		assertThat(unit.items().get(2).conditionCheck().key().get("sk").s()).isEqualTo("v1");
		TransactionCanceledException cancelled = TransactionCanceledException.builder()
			.cancellationReasons(reason("None"), reason("None"), reason("ConditionalCheckFailed"))
			.build();
		assertThat(unit.onFailure().apply(ItemFailures.of(cancelled, 0, 3)).failure())
			.isInstanceOfSatisfying(NoSuchResourceException.class,
					(gone) -> assertThat(gone.getMessage()).contains("m1").contains("1"));
	}

	private <T> VersionedUpdateOperation<T> operation(T entity, Long restoring) {
		@SuppressWarnings("unchecked")
		SingleTablePersistentEntity<T> metadata = (SingleTablePersistentEntity<T>) this.converter
			.getRequiredEntity(entity.getClass());
		var accessor = Stamps.accessor(metadata, entity);
		String id = String.valueOf(accessor.getProperty(metadata.getRequiredIdProperty()));
		long base = Stamps.version(metadata, accessor);
		return new VersionedUpdateOperation<>(this.support, (restoring != null) ? "restoreVersion" : "update",
				metadata, accessor, id, base, BlobStage.Followed.NONE, List.of(), restoring);
	}

	/** The failure of the latest item's condition (item 1 of 2), DynamoDB returning the stored item. */
	private static ItemFailures failedLatest(Map<String, AttributeValue> old) {
		TransactionCanceledException cancelled = TransactionCanceledException.builder()
			.cancellationReasons(reason("None"),
					CancellationReason.builder().code("ConditionalCheckFailed").item(old).build())
			.build();
		return ItemFailures.of(cancelled, 0, 2);
	}

	private static CancellationReason reason(String code) {
		return CancellationReason.builder().code(code).build();
	}

	@SingleTableEntity(versioned = true, compression = SingleTableEntity.Compression.DISABLED)
	record Memo(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String text) {
	}

	@SingleTableEntity(versioned = true, maxVersions = 3)
	record Kept(@Id String id, @Version Long version, @CreatedDate Instant createdAt, String text) {
	}

}
