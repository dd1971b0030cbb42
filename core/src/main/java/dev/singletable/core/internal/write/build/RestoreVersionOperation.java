package dev.singletable.core.internal.write.build;

import java.util.List;
import java.util.Map;

import org.springframework.util.Assert;

import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.internal.item.ItemLayout;
import dev.singletable.core.internal.item.ResourceIds;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.item.StoredItems;
import dev.singletable.core.internal.write.unit.BlobCleanups;
import dev.singletable.core.internal.write.unit.BlobStage;
import dev.singletable.core.internal.write.unit.PlannedWrite;
import dev.singletable.core.internal.write.unit.VersionRetention;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The restore of a stored version ({@code restoreVersion}): reads it and the latest item (strongly consistent) and
 * writes it again as the next version through a {@link VersionedUpdateOperation}, keeping the latest item's creation
 * time (never the restored version's). The new version refers to the restored version's objects, which stay while
 * that version is stored: for a type with blob properties the write is conditioned on it, so that a version delete
 * that wins (and removes them) fails the restore with {@link NoSuchResourceException} instead.
 * @param support the rules units are built with (the table, converter, timestamps, stages)
 * @param metadata the entity type
 * @param id the resource's id
 * @param version the version (1 or more)
 * @param <T> the entity type
 */
public record RestoreVersionOperation<T>(WriteSupport support, SingleTablePersistentEntity<T> metadata, String id,
		long version) {

	/** The operation's name. */
	static final String NAME = "restoreVersion";

	public RestoreVersionOperation {
		Assert.isTrue(version >= 1, () -> "Versions start at 1, got " + version);
	}

	/**
	 * The plan of the restore: reads the version and the latest item (strongly consistent, together), then builds
	 * the unit, whose result is the entity as stored; the plan's stored item is the latest one.
	 * @throws NoSuchResourceException when the version or the resource is not stored
	 */
	public Step<PlannedWrite> plan() {
		String table = this.support.tableName();
		return Step.sendAll(List.of(StoredItems.get(table, ResourceIds.key(this.metadata, this.id,
				ResourceIds.versionKey(this.version))), StoredItems.get(table, ItemLayout.latestKey(this.metadata, this.id))),
				(answers) -> {
					Map<String, AttributeValue> restored = StoredItems.item(answers.get(0));
					if (restored == null) {
						throw notStored(true);
					}
					Map<String, AttributeValue> latest = StoredItems.item(answers.get(1));
					if (latest == null) {
						throw notStored(false);
					}
					// a version older than the window that its write has not yet pruned is not stored for any read
					if (VersionRetention.outsideWindow(this.metadata.getMaxVersions(), this.version,
							Stamps.storedVersion(latest))) {
						throw notStored(true);
					}
					return unit(restored, latest).then((unit) -> Step.done(new PlannedWrite(unit, latest)));
				});
	}

	/**
	 * The exception of a restore whose version ({@code versionMissing}) or resource is not stored.
	 */
	public NoSuchResourceException notStored(boolean versionMissing) {
		return new NoSuchResourceException(this.metadata.getType(), this.id, versionMissing ? this.version : null);
	}

	/**
	 * The rest of the plan, from the items read.
	 * @param restored the stored item of the restored version
	 * @param latest the stored latest item
	 */
	private Step<WriteUnit> unit(Map<String, AttributeValue> restored, Map<String, AttributeValue> latest) {
		T old = this.support.converter()
			.read(this.metadata.getType(), this.support.layout().withLatestOnly(this.metadata.getType(), restored, latest));
		// the version may be another concrete type of a hierarchy than the latest one: it is written as what it is
		@SuppressWarnings("unchecked")
		SingleTablePersistentEntity<T> metadata = (old.getClass() == this.metadata.getType()) ? this.metadata
				: (SingleTablePersistentEntity<T>) this.support.converter().getRequiredEntity(old.getClass());
		long base = Stamps.storedVersion(latest);
		return new VersionedUpdateOperation<>(this.support, NAME, metadata, Stamps.accessor(metadata, old), this.id, base,
				BlobStage.Followed.of(restored), List.of(),
				// it refers to the restored version's objects, which stay while that version is stored
				BlobStage.hasBlobs(metadata) ? this.version : null)
			.restoring(this.version)
			// passing the latest item keeps its creation time, with no read
			.plan(latest);
	}

}
