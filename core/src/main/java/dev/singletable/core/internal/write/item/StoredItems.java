package dev.singletable.core.internal.write.item;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.singletable.internal.plan.Answer;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The reads (and unconditional deletes) that guard a write, as a plan asks for them: one strongly consistent
 * {@code GetItem} by key and the item its answer holds, the delete of one item (every page of a query is
 * {@link dev.singletable.internal.plan.QueryAll}).
 */
public final class StoredItems {

	private StoredItems() {
	}

	/**
	 * The strongly consistent read of the item with the given key.
	 */
	public static Request get(String tableName, Map<String, AttributeValue> key) {
		return new Request.Plain(GetItemRequest.builder().tableName(tableName).key(key).consistentRead(true).build());
	}

	/**
	 * The item an answer to {@link #get} holds, {@literal null} when none is stored.
	 * @throws RuntimeException what the read failed with
	 */
	public static @Nullable Map<String, AttributeValue> item(Answer answer) {
		Map<String, AttributeValue> item = answer.get(GetItemResponse.class).item();
		return (item == null || item.isEmpty()) ? null : item;
	}

	/**
	 * A plan that deletes the item with the given key without condition and is done with whether one was stored.
	 */
	public static Step<Boolean> delete(String tableName, Map<String, AttributeValue> key) {
		return Step.send(new Request.Plain(DeleteItemRequest.builder()
			.tableName(tableName)
			.key(key)
			.returnValues(ReturnValue.ALL_OLD)
			.build()), (answer) -> {
				DeleteItemResponse response = answer.get(DeleteItemResponse.class);
				return Step.done(response.hasAttributes() && !response.attributes().isEmpty());
			});
	}

	/**
	 * A plan that reads the item with the given key and is done with it ({@literal null} when none is stored).
	 */
	public static Step<@Nullable Map<String, AttributeValue>> read(String tableName, Map<String, AttributeValue> key) {
		return Step.send(get(tableName, key), (answer) -> Step.done(item(answer)));
	}

}
