package dev.singletable.core.internal.write.item;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The one-request plans that what is built on the template shares (evolution's records and rewrites, the outbox's
 * event publications): a strongly consistent read of an item, and a conditional write whose failed condition is an
 * answer or a failure.
 */
public final class ItemRequests {

	/** The members of each kind of builder by name: the few kinds the writes copy into, each looked up once. */
	private static final Map<Class<?>, Map<String, SdkField<?>>> MEMBERS = new ConcurrentHashMap<>();

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

	/**
	 * A request of another kind built from the members of a given one that it has too, by name: the SDK's models of
	 * one write name them alike ({@code Put} and {@code PutItemRequest}, {@code Delete} and
	 * {@code DeleteItemRequest}: table, item or key, condition expression, attribute names and values, what a failed
	 * condition returns). Empty collections are left unset, as DynamoDB refuses them.
	 * @param from the request whose members are copied
	 * @param to the builder of the other kind, with whatever the other request lacks already set
	 */
	public static <B extends SdkPojo & SdkBuilder<B, R>, R> R copied(SdkPojo from, B to) {
		Map<String, SdkField<?>> members = MEMBERS.get(to.getClass());
		if (members == null) {
			members = new HashMap<>();
			for (SdkField<?> field : to.sdkFields()) {
				members.put(field.memberName(), field);
			}
			MEMBERS.put(to.getClass(), members);
		}
		for (SdkField<?> field : from.sdkFields()) {
			Object value = field.getValueOrDefault(from);
			SdkField<?> same = members.get(field.memberName());
			if (same != null && value != null && !(value instanceof Map<?, ?> map && map.isEmpty())
					&& !(value instanceof Collection<?> list && list.isEmpty())) {
				same.set(to, value);
			}
		}
		return to.build();
	}

}
