package dev.singletable.core.internal.write.item;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.internal.plan.Request;
import dev.singletable.core.internal.plan.Step;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * The one-request plans that what is built on the template shares (evolution's records and rewrites, the outbox's
 * event publications): a strongly consistent read of an item, and a conditional write whose failed condition is an
 * answer or a failure.
 */
public final class ItemRequests {

	private ItemRequests() {
	}

	/**
	 * Sends a request whose failure the plan gets translated and answers its response.
	 */
	public static <T> Step<T> send(DynamoDbRequest request, Class<T> response) {
		return Step.send(new Request.Plain(request), (answer) -> Step.done(answer.get(response)));
	}

	/**
	 * Reads an item, strongly consistent.
	 * @param capacity the consumed capacity asked for, {@literal null} for none
	 * @return the item, {@literal null} when there is none
	 */
	public static Step<@Nullable Map<String, AttributeValue>> item(String tableName, Map<String, AttributeValue> key,
			@Nullable ReturnConsumedCapacity capacity) {
		GetItemRequest request = GetItemRequest.builder()
			.tableName(tableName)
			.key(key)
			.consistentRead(true)
			.returnConsumedCapacity(capacity)
			.build();
		return send(request, GetItemResponse.class).then((response) -> Step
			.done((response.hasItem() && !response.item().isEmpty()) ? response.item() : null));
	}

	/**
	 * Sends a conditional write: a failed condition fails the plan as DynamoDB reports it
	 * ({@code ConditionFailures.isStale} tells it), anything else translated.
	 * @return the response
	 */
	public static Step<@Nullable Object> conditional(DynamoDbRequest request) {
		return Step.send(new Request.Conditional(request), (answer) -> {
			answer.orThrow();
			return Step.done(answer.response());
		});
	}

	/**
	 * Sends a conditional write whose failed condition is an answer, not a failure.
	 * @return whether the condition held (and the write was applied)
	 */
	public static Step<Boolean> ifConditionHolds(DynamoDbRequest request) {
		return Step.send(new Request.Conditional(request), (answer) -> {
			RuntimeException failure = answer.failure();
			if (failure != null && ConditionFailures.isStale(failure)) {
				return Step.done(false);
			}
			answer.orThrow();
			return Step.done(true);
		});
	}

}
