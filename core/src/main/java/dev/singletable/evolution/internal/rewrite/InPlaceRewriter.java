package dev.singletable.evolution.internal.rewrite;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.springframework.data.mapping.PersistentPropertyAccessor;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.internal.item.ResourceIds;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.item.ItemRequests;
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
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Rewrites a resource through a function, in place: the latest item (and, for a versioned type, the version item
 * it copies, in the same transaction) get the new content; version, timestamps and the rest of the history are
 * kept, and nothing is audited. Each put is conditioned on the state read; a function that returns
 * {@literal null} or an equal resource writes nothing. The rewrite of an item is a plan ({@link #plan}): one
 * conditional {@code PutItem}, or for a versioned type one {@code TransactWriteItems}.
 */
public final class InPlaceRewriter implements ItemProcessor.Planned {

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
	public Step<Outcome> plan(String tableName, Map<String, AttributeValue> item) {
		Object entity = this.stored.read(item);
		Object changed = this.transform.apply(entity);
		if (changed == null || changed.equals(entity)) {
			return Step.done(Outcome.UNCHANGED);
		}
		TransformedResource.checkIdentity(this.stored.metadata(), item, entity, changed);
		String id = this.selection.idOf(item);
		refuseBlobChanges(entity, changed, id);
		Map<String, AttributeValue> latest = this.stored.rebuild(id, item, changed, item);
		if (!this.stored.metadata().isVersioned()) {
			return StoredResource.put(tableName, latest, ReadState.of(item)).then((put) -> Step.done(Outcome.WRITTEN));
		}
		long version = StoredResource.version(item);
		Map<String, AttributeValue> asVersion = new HashMap<>(latest);
		asVersion.put(ItemAttributes.SK, AttributeValue.fromS(ResourceIds.versionKey(version)));
		Map<String, AttributeValue> versionItem = this.stored.rebuild(id, asVersion, changed, latest);
		List<TransactWriteItem> writes = List.of(put(tableName, latest, ReadState.of(item)),
				put(tableName, versionItem, ReadState.exists()));
		// sent as one conditional request, as the run sends its others: its consumed capacity is paid
		TransactWriteItemsRequest transaction = TransactWriteItemsRequest.builder()
			.transactItems(writes)
			.returnConsumedCapacity(RunRequests.TOTAL)
			.build();
		return ItemRequests.conditional(transaction).then((written) -> Step.done(Outcome.WRITTEN));
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

	private static TransactWriteItem put(String tableName, Map<String, AttributeValue> item, ReadState state) {
		return TransactWriteItem.builder()
			.put(Put.builder()
				.tableName(tableName)
				.item(item)
				.conditionExpression(state.expression())
				.expressionAttributeNames(state.names(Map.of()))
				.expressionAttributeValues(state.values(Map.of()))
				.build())
			.build();
	}

}
