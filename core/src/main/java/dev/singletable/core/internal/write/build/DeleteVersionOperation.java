package dev.singletable.core.internal.write.build;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.internal.item.ItemLayout;
import dev.singletable.core.internal.item.ResourceIds;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.item.ConditionFailures;
import dev.singletable.core.internal.write.item.StoredItems;
import dev.singletable.core.internal.write.unit.BlobStage;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The delete of one version of a versioned resource ({@code deleteVersion}), and after it the delete of the S3
 * objects no remaining version uses ({@link BlobStage#versionDelete}). Its plan ({@link #plan}) reads the latest
 * item first: an older version is one history item, which the plan deletes on its own, and its sender then runs
 * {@link #afterDelete}; the latest version goes
 * only together with {@code v0}, and only while it is the latest ({@link #latestUnit}): a failed condition means a
 * newer version was written meanwhile ({@link ConditionFailures#ofLatestVersionDelete}).
 * @param support the rules units are built with (the table, converter, timestamps, stages)
 * @param metadata the entity type
 * @param id the resource's id
 * @param version the version (1 or more)
 */
public record DeleteVersionOperation(WriteSupport support, SingleTablePersistentEntity<?> metadata, String id,
		long version) {

	/** The operation's name. */
	static final String NAME = "deleteVersion";

	public DeleteVersionOperation {
		Assert.isTrue(version >= 1, () -> "Versions start at 1, got " + version);
	}

	/**
	 * The plan of the delete: reads the resource's latest item (strongly consistent) to learn whether the version is
	 * the latest one — then it is done with the unit that deletes it with {@code v0} ({@link #latestUnit}), for its
	 * sender to send; else it deletes the version's history item alone, and its sender runs {@link #afterDelete}.
	 */
	public Step<Planned> plan() {
		return StoredItems.read(this.support.tableName(), ItemLayout.latestKey(this.metadata, this.id))
			.then((latest) -> {
				if (latest != null && Stamps.storedVersion(latest) == this.version) {
					return Step.done(new Planned(latestUnit(), latest, true));
				}
				return StoredItems.delete(this.support.tableName(), historyKey())
					.then((found) -> Step.done(new Planned(null, null, Boolean.TRUE.equals(found))));
			});
	}

	/**
	 * What the plan of a version delete ends with.
	 * @param unit the unit that deletes the latest version with {@code v0}, {@literal null} when the version was an
	 * older one (its history item is deleted)
	 * @param stored the latest item read, when the version is the latest
	 * @param found whether the version was stored (the history item deleted, or the latest unit to send)
	 */
	public record Planned(@Nullable WriteUnit unit, @Nullable Map<String, AttributeValue> stored, boolean found) {
	}

	/**
	 * The key of the version's history item.
	 */
	private Map<String, AttributeValue> historyKey() {
		return ResourceIds.key(this.metadata, this.id, ResourceIds.versionKey(this.version));
	}

	/**
	 * Returns the unit that deletes the version as the latest one: its history item, and {@code v0} on the
	 * condition that it still has that version.
	 */
	public WriteUnit latestUnit() {
		TransactWriteItem history = TransactWriteItem.builder()
			.delete(Delete.builder().tableName(this.support.tableName()).key(historyKey()).build())
			.build();
		TransactWriteItem latest = this.support.deleteLatest(this.metadata, this.id, "#version = :expected",
				Map.of("#version", ItemAttributes.VERSION),
				Map.of(":expected", AttributeValue.fromN(Long.toString(this.version))), null);
		return BlobStage.withBlobs(WriteUnit.failingWith(NAME, this.metadata.getType(), this.id,
				List.of(history, latest),
				(failed) -> ConditionFailures.ofLatestVersionDelete(this.metadata, this.id, this.version), null),
				this.support.blobs().versionDelete(this.metadata, this.id, this.version));
	}

	/**
	 * The plan of what follows the delete of an older version's history item sent on its own: the stages a unit of
	 * this operation carries after its commit.
	 */
	public Step<?> afterDelete() {
		return this.support.blobs().afterDelete(this.support.blobs().versionDelete(this.metadata, this.id, this.version));
	}

}
