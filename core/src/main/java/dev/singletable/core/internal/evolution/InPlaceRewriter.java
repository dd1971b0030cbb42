package dev.singletable.core.internal.evolution;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.singletable.core.internal.evolution.BackfillProgress.Outcome;
import dev.singletable.core.internal.format.ItemAttributes;
import dev.singletable.core.internal.layout.ResourceIds;
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

	public InPlaceRewriter(dev.singletable.core.convert.SingleTableConverter converter,
			dev.singletable.core.mapping.SingleTablePersistentEntity<?> metadata, ItemSelection selection,
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
		String id = this.selection.idOf(item);
		Map<String, AttributeValue> latest = this.stored.rebuild(id, item, changed, item);
		if (!this.stored.metadata().isVersioned()) {
			ReadState state = ReadState.of(item);
			requests.sendConditional((client) -> client.putItem((request) -> request
				.tableName(requests.tableName())
				.item(latest)
				.conditionExpression(state.expression())
				.expressionAttributeNames(state.names(Map.of()))
				.expressionAttributeValues(state.values(Map.of()))
				.returnConsumedCapacity(RunRequests.TOTAL)), (response) -> response.consumedCapacity());
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
