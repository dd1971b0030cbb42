package dev.singletable.evolution.internal.rewrite;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.format.ItemAttributes;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.evolution.internal.backfill.BackfillProgress.Outcome;
import dev.singletable.evolution.internal.backfill.ItemProcessor;
import dev.singletable.evolution.internal.backfill.ItemSelection;
import dev.singletable.evolution.internal.backfill.RunRequests;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Rewrites every item of a resource (its history first, then its latest item) whose stored form is not the one
 * the type's definition now names: gzip {@code data} for a compressed type, attributes for an uncompressed one.
 * Content, versions and timestamps are kept; each put is conditioned on the item as read (the latest on its
 * version or modification time, a version item on its existence). Items already in the right form are not written.
 */
public final class Recompressor implements ItemProcessor {

	private final StoredResource stored;

	private final ItemSelection selection;

	public Recompressor(SingleTableConverter converter, SingleTablePersistentEntity<?> metadata,
			ItemSelection selection) {
		this.stored = new StoredResource(converter, metadata);
		this.selection = selection;
	}

	@Override
	public Outcome process(Map<String, AttributeValue> item, RunRequests requests) {
		String id = this.selection.idOf(item);
		List<Map<String, AttributeValue>> history = new ArrayList<>();
		if (this.stored.metadata().isVersioned()) {
			for (Map<String, AttributeValue> version : StoredResource.partition(requests, item.get(ItemAttributes.PK).s())) {
				if (!this.stored.isLatest(version)) {
					history.add(version);
				}
			}
		}
		boolean written = false;
		for (Map<String, AttributeValue> version : history) {
			written |= rewrite(id, version, item, ReadState.exists(), requests);
		}
		written |= rewrite(id, item, item, ReadState.of(item), requests);
		return written ? Outcome.WRITTEN : Outcome.UNCHANGED;
	}

	private boolean rewrite(String id, Map<String, AttributeValue> item, Map<String, AttributeValue> latest,
			ReadState state, RunRequests requests) {
		AttributeValue data = item.get(ItemAttributes.DATA);
		boolean compressed = data != null && data.b() != null;
		if (compressed == this.stored.metadata().isCompressed()) {
			return false;
		}
		Map<String, AttributeValue> rewritten = this.stored.rebuild(id, item, this.stored.read(item), latest);
		StoredResource.put(requests, rewritten, state);
		return true;
	}

}
