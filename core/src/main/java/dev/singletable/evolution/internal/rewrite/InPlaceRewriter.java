package dev.singletable.evolution.internal.rewrite;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.springframework.data.mapping.PersistentPropertyAccessor;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.format.ItemAttributes;
import dev.singletable.core.internal.layout.ResourceIds;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import dev.singletable.evolution.internal.backfill.BackfillProgress.Outcome;
import dev.singletable.evolution.internal.backfill.ItemProcessor;
import dev.singletable.evolution.internal.backfill.ItemSelection;
import dev.singletable.evolution.internal.backfill.RunRequests;
import dev.singletable.evolution.internal.backfill.TransformedResource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Rewrites a resource through a function, in place: the latest item (and, for a versioned type, the version item
 * it copies, in the same transaction) get the new content; version, timestamps and the rest of the history are
 * kept, and nothing is audited. Each put is conditioned on the state read; a function that returns
 * {@literal null} or an equal resource writes nothing.
 */
public final class InPlaceRewriter implements ItemProcessor {

	private final StoredResource stored;

	private final ItemSelection selection;

	private final UnaryOperator<Object> transform;

	public InPlaceRewriter(SingleTableConverter converter,
			SingleTablePersistentEntity<?> metadata, ItemSelection selection,
			UnaryOperator<Object> transform) {
		this.stored = new StoredResource(converter, metadata);
		this.selection = selection;
		this.transform = transform;
	}

	@Override
	public Outcome process(Map<String, AttributeValue> item, RunRequests requests) {
		Object entity = this.stored.read(item);
		Object changed = this.transform.apply(entity);
		if (changed == null || changed.equals(entity)) {
			return Outcome.UNCHANGED;
		}
		TransformedResource.checkIdentity(this.stored.metadata(), item, entity, changed);
		String id = this.selection.idOf(item);
		refuseBlobChanges(entity, changed, id);
		Map<String, AttributeValue> latest = this.stored.rebuild(id, item, changed, item);
		if (!this.stored.metadata().isVersioned()) {
			StoredResource.put(requests, latest, ReadState.of(item));
			return Outcome.WRITTEN;
		}
		long version = StoredResource.version(item);
		Map<String, AttributeValue> asVersion = new HashMap<>(latest);
		asVersion.put(ItemAttributes.SK, AttributeValue.fromS(ResourceIds.versionKey(version)));
		Map<String, AttributeValue> versionItem = this.stored.rebuild(id, asVersion, changed, latest);
		List<TransactWriteItem> writes = List.of(put(requests, latest, ReadState.of(item)),
				put(requests, versionItem, ReadState.exists()));
		requests.sendConditionalAll((client) -> client.transactWriteItems((request) -> request
			.transactItems(writes)
			.returnConsumedCapacity(RunRequests.TOTAL)), (response) -> response.consumedCapacity());
		return Outcome.WRITTEN;
	}

	/**
	 * An in-place rewrite keeps the stored blob references and cannot store a blob object (the item would claim
	 * content that was never stored): a transform that changes a {@code @BlobField} property is refused, naming the
	 * mode that stores it.
	 */
	private void refuseBlobChanges(Object entity, Object changed, String id) {
		SingleTablePersistentEntity<?> metadata = this.stored.metadata();
		PersistentPropertyAccessor<?> before = metadata.getPropertyAccessor(entity);
		PersistentPropertyAccessor<?> after = metadata.getPropertyAccessor(changed);
		for (SingleTablePersistentProperty property : metadata.getBlobProperties()) {
			if (!Objects.equals(before.getProperty(property), after.getProperty(property))) {
				throw new UnsupportedOperationException("An in-place rewrite of " + metadata.getType().getSimpleName()
						+ " '" + id + "' cannot store the new value of its @BlobField property '" + property.getName()
						+ "' (it keeps the stored blob references and writes no blob object): rewrite it with "
						+ "RewriteMode.NEW_VERSION, which stores blob objects as an update does");
			}
		}
	}

	private static TransactWriteItem put(RunRequests requests, Map<String, AttributeValue> item, ReadState state) {
		return TransactWriteItem.builder()
			.put(Put.builder()
				.tableName(requests.tableName())
				.item(item)
				.conditionExpression(state.expression())
				.expressionAttributeNames(state.names(Map.of()))
				.expressionAttributeValues(state.values(Map.of()))
				.build())
			.build();
	}

}
