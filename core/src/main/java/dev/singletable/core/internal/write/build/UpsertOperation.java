package dev.singletable.core.internal.write.build;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.data.mapping.PersistentPropertyAccessor;

import dev.singletable.core.internal.item.Expiry;
import dev.singletable.core.internal.item.ItemLayout;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.item.StoredItems;
import dev.singletable.core.internal.write.unit.PlannedWrite;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The write of a plain entity with an assigned id whether it exists or not ({@code save} of such an entity): the
 * stored item is read (one strongly consistent {@code GetItem}); when there is none (or an expired one that reads
 * hide) the entity is created ({@link CreateOperation}, the unit named {@code "save"}), else it replaces the item
 * keeping its creation values ({@link PlainUpdateOperation#replacing}).
 * <p>
 * What a failed condition of the create means: an item created by another writer since the read — the unit that
 * replaces that item (the one the failure returned) is sent instead; none — the create's exception.
 * @param support the rules units are built with (the table, converter, timestamps, stages)
 * @param metadata the entity type
 * @param entity the entity to write
 * @param <T> the entity type
 */
public record UpsertOperation<T>(WriteSupport support, SingleTablePersistentEntity<T> metadata, T entity) {

	/** The name of the unit that creates. */
	static final String NAME = "save";

	/**
	 * The plan of the upsert: reads the stored item (strongly consistent), then builds the unit, whose result is the
	 * entity as stored; the plan's stored item is the one read.
	 */
	public Step<PlannedWrite> plan() {
		String id = Stamps.settleId(this.metadata, Stamps.accessor(this.metadata, this.entity));
		return StoredItems.read(this.support.tableName(), ItemLayout.latestKey(this.metadata, id))
			.then((stored) -> Step.done(new PlannedWrite(unit(stored), stored)));
	}

	/**
	 * Returns the unit, whose result is the entity as stored, given the stored item as read.
	 * @param stored the stored latest item, read strongly consistent; {@literal null} when there is none
	 */
	@SuppressWarnings("unchecked")
	private WriteUnit unit(@Nullable Map<String, AttributeValue> stored) {
		SingleTablePersistentEntity<T> metadata = this.metadata;
		PersistentPropertyAccessor<T> accessor = Stamps.accessor(metadata, this.entity);
		String id = Stamps.settleId(metadata, accessor);
		if (stored != null && !Expiry.isExpired(metadata, stored, this.support.timestamps().now())) {
			return PlainUpdateOperation.replacing(this.support, metadata, accessor, id, stored);
		}
		// none stored, or an expired one that reads hide: a create, which replaces such an item
		WriteUnit created = new CreateOperation<>(this.support, metadata, this.entity).unit();
		return new WriteUnit(NAME, metadata.getType(), id, created.items(), (failed) -> {
			Map<String, AttributeValue> old = failed.oldItem(0);
			if (old == null || old.isEmpty()) {
				return created.onFailure().apply(failed);
			}
			// created by another writer since the read: replace that item, keeping its creation values
			return WriteUnit.Outcome.retryWith(PlainUpdateOperation.replacing(this.support, metadata,
					Stamps.accessor(metadata, (T) created.result()), id, old));
		}, created.afterCommit(), created.result(), created.blobs());
	}

}
