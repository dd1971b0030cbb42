package dev.singletable.evolution.internal.rewrite;

import java.util.Map;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.evolution.internal.backfill.BackfillProgress.Outcome;
import dev.singletable.evolution.internal.backfill.ItemProcessor;
import dev.singletable.evolution.internal.backfill.ItemSelection;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Rewrites every item of a resource (its history first, then its latest item) whose stored form is not the one
 * the type's definition now names: gzip {@code data} for a compressed type, attributes for an uncompressed one.
 * Content, versions and timestamps are kept; each put is conditioned on the item as read (the latest on its
 * version or modification time, a version item on its existence). Items already in the right form are not written.
 */
public final class Recompressor implements ItemProcessor.Planned {

	private final StoredResource stored;

	private final ItemSelection selection;

	public Recompressor(SingleTableConverter converter, SingleTablePersistentEntity<?> metadata,
			ItemSelection selection) {
		this.stored = new StoredResource(converter, metadata);
		this.selection = selection;
	}

	@Override
	public Step<Outcome> plan(String tableName, Map<String, AttributeValue> item) {
		String id = this.selection.idOf(item);
		return this.stored.history(tableName, item.get(ItemAttributes.PK).s()).then((history) -> {
			Step<Boolean> written = Step.done(false);
			for (Map<String, AttributeValue> version : history) {
				written = rewrite(written, tableName, id, version, item, ReadState.exists());
			}
			return rewrite(written, tableName, id, item, item, ReadState.of(item))
				.then((any) -> Step.done(Boolean.TRUE.equals(any) ? Outcome.WRITTEN : Outcome.UNCHANGED));
		});
	}

	/**
	 * Puts an item again in the compression the definition names after the plan before, unless it is stored so.
	 * @return whether the plan before or this one wrote
	 */
	private Step<Boolean> rewrite(Step<Boolean> before, String tableName, String id, Map<String, AttributeValue> item,
			Map<String, AttributeValue> latest, ReadState state) {
		AttributeValue data = item.get(ItemAttributes.DATA);
		boolean compressed = data != null && data.b() != null;
		if (compressed == this.stored.metadata().isCompressed()) {
			return before;
		}
		return before.then((written) -> {
			Map<String, AttributeValue> rewritten = this.stored.rebuild(id, item, this.stored.read(item), latest);
			return StoredResource.put(tableName, rewritten, state).then((put) -> Step.done(true));
		});
	}

}
