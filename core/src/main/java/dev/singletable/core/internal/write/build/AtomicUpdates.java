package dev.singletable.core.internal.write.build;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.util.Assert;

import dev.singletable.core.SingleTableExceptionTranslator;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.internal.format.StorageTimestamps;
import dev.singletable.core.internal.item.Expiry;
import dev.singletable.core.internal.item.ExpressionBuilder;
import dev.singletable.core.internal.item.ResourceIds;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.core.internal.item.TypeIndex;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
import dev.singletable.internal.plan.TransientRetry;
import dev.singletable.core.internal.write.item.ConditionFailures;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Atomic changes of plain, uncompressed resources: counters, string sets and lists. Each is one update
 * expression that also bumps {@code updated_at} (and the type index sort key unless the type overrides it, and
 * the version of types with {@code @Version}), guarded by the item's existence, and sent as a single-item
 * {@code TransactWriteItems} with a client request token rather than a bare {@code UpdateItem}: an SDK retry
 * after a lost response is then recognised by DynamoDB and never applies the change twice. An update sent on its
 * own is a plan ({@link Update#plan}), which the blocking and the reactive template run with their drivers.
 */
public final class AtomicUpdates {

	private static final Set<Class<?>> NUMBERS = Set.of(int.class, Integer.class, long.class, Long.class, short.class,
			Short.class, java.math.BigInteger.class, java.math.BigDecimal.class, double.class, Double.class, float.class,
			Float.class);

	private final String tableName;

	private final SingleTableConverter converter;

	private final Timestamps timestamps;

	/**
	 * @param tableName the table the updates name, whose translation of a failed send names it too
	 */
	public AtomicUpdates(String tableName, SingleTableConverter converter, Timestamps timestamps) {
		this.tableName = tableName;
		this.converter = converter;
		this.timestamps = timestamps;
	}

	/**
	 * The plan that adds {@code delta} to a number property (or a map entry, {@code "property.key"}) and reads its
	 * new value (see {@link Update#incrementPlan}).
	 */
	public Step<Long> increment(SingleTablePersistentEntity<?> metadata, String id, String property, long delta) {
		return incrementUpdate(metadata, property, delta).incrementPlan(id);
	}

	/**
	 * The update that adds {@code delta} to a number property, or to the entry of a map property
	 * ({@code "property.key"}, starting from 0).
	 */
	public Update incrementUpdate(SingleTablePersistentEntity<?> metadata, String property, long delta) {
		Assert.hasText(property, () -> "The property to increment of " + metadata.getType().getSimpleName()
				+ " must not be empty");
		int dot = property.indexOf('.');
		String name = (dot < 0) ? property : property.substring(0, dot);
		SingleTablePersistentProperty target = requireProperty(metadata, name, "increment");
		Update update = new Update(metadata, "increment of '" + property + "'");
		String path = update.names.name(storedName(target));
		if (dot < 0) {
			if (!NUMBERS.contains(target.getType())) {
				throw new IllegalArgumentException("'" + name + "' of " + metadata.getType().getSimpleName()
						+ " is a " + target.getType().getSimpleName() + ", not a number; increment needs a number property");
			}
			update.add.add(path + " " + update.names.value(AttributeValue.fromN(Long.toString(delta))));
		}
		else {
			Class<?> value = Map.class.isAssignableFrom(target.getType()) && target.getTypeInformation().getMapValueType() != null
					? target.getTypeInformation().getRequiredMapValueType().getType() : null;
			if (value == null || !(NUMBERS.contains(value) || value == Number.class || value == Object.class)) {
				throw new IllegalArgumentException("'" + name + "' of " + metadata.getType().getSimpleName() + " is a "
						+ target.getTypeInformation() + ", not a map of numbers; 'property.key' increments need a "
						+ "Map<String, Number> property (such as Map<String, Long>). Nothing was written.");
			}
			String entry = path + "." + update.names.name(property.substring(dot + 1));
			update.set.add(entry + " = if_not_exists(" + entry + ", " + update.names.value(AttributeValue.fromN("0"))
					+ ") + " + update.names.value(AttributeValue.fromN(Long.toString(delta))));
		}
		update.replaceWhenNull = (dot < 0) ? null : Map.of(path, AttributeValue.fromM(Map.of()));
		update.counter = storedName(target);
		update.counterEntry = (dot < 0) ? null : property.substring(dot + 1);
		return update;
	}

	/**
	 * The update that adds values to (or removes them from) a string set property.
	 */
	public Update setUpdate(SingleTablePersistentEntity<?> metadata, String property, boolean add, String... values) {
		requireValues(metadata, add ? "addToSet" : "removeFromSet", property, values);
		SingleTablePersistentProperty target = requireProperty(metadata, property, add ? "addToSet" : "removeFromSet");
		Class<?> element = Set.class.isAssignableFrom(target.getType())
				? target.getTypeInformation().getRequiredComponentType().getType() : null;
		if (element != String.class && (element == null || !element.isEnum())) {
			// only sets of strings (or enums) are stored as a DynamoDB string set; others are lists
			throw new IllegalArgumentException("'" + property + "' of " + metadata.getType().getSimpleName() + " is a "
					+ target.getTypeInformation() + ", not a Set of strings or enums; set operations need a Set<String>"
					+ " property (it is stored as a string set). Nothing was written.");
		}
		Update update = new Update(metadata, (add ? "addToSet" : "removeFromSet") + " of '" + property + "'");
		String path = update.names.name(storedName(target));
		AttributeValue set = AttributeValue.fromSs(Arrays.asList(values));
		(add ? update.add : update.delete).add(path + " " + update.names.value(set));
		update.replaceWhenNull = add ? Map.of(path, set) : null;
		return update;
	}

	/**
	 * The update that appends values to a list property.
	 */
	public Update appendUpdate(SingleTablePersistentEntity<?> metadata, String property, Object... values) {
		requireValues(metadata, "appendToList", property, values);
		SingleTablePersistentProperty target = requireProperty(metadata, property, "appendToList");
		if (!List.class.isAssignableFrom(target.getType())) {
			throw new IllegalArgumentException("'" + property + "' of " + metadata.getType().getSimpleName()
					+ " is not a List; appendToList needs a List property");
		}
		Update update = new Update(metadata, "appendToList of '" + property + "'");
		String path = update.names.name(storedName(target));
		List<AttributeValue> elements = new ArrayList<>();
		for (Object value : values) {
			elements.add(this.converter.writeValue(value));
		}
		AttributeValue list = AttributeValue.fromL(elements);
		update.set.add(path + " = list_append(if_not_exists(" + path + ", "
				+ update.names.value(AttributeValue.fromL(List.of())) + "), " + update.names.value(list) + ")");
		update.replaceWhenNull = Map.of(path, list);
		return update;
	}

	/**
	 * Refuses a set or list change without values, which DynamoDB would reject (an empty set) or which would
	 * change nothing but the timestamps.
	 */
	private static void requireValues(SingleTablePersistentEntity<?> metadata, String operation, String property,
			Object @org.jspecify.annotations.Nullable [] values) {
		if (values == null || values.length == 0) {
			throw new IllegalArgumentException(operation + " of '" + property + "' of " + metadata.getType().getSimpleName()
					+ " needs at least one value; nothing was written");
		}
	}

	private SingleTablePersistentProperty requireProperty(SingleTablePersistentEntity<?> metadata, String name,
			String operation) {
		if (metadata.isVersioned() || metadata.isCompressed()) {
			throw new IllegalArgumentException(operation + " works on plain, uncompressed types; "
					+ metadata.getType().getSimpleName() + " is " + (metadata.isVersioned() ? "versioned" : "compressed")
					+ ", so change it with update(..)");
		}
		Assert.hasText(name, () -> "The property to " + operation + " of " + metadata.getType().getSimpleName()
				+ " must not be empty");
		SingleTablePersistentProperty property = metadata.getPersistentProperty(name);
		if (property == null) {
			List<String> names = new ArrayList<>();
			metadata.doWithProperties((SingleTablePersistentProperty candidate) -> names.add(candidate.getName()));
			throw new IllegalArgumentException(metadata.getType().getSimpleName() + " has no property '" + name + "' to "
					+ operation + "; name one of its properties: " + names);
		}
		if (property.isIdProperty() || property.isVersionProperty() || property.isCreatedDateProperty()
				|| property.isLastModifiedDateProperty()) {
			throw new IllegalArgumentException("'" + name + "' of " + metadata.getType().getSimpleName()
					+ " is a system property; the template sets it");
		}
		return property;
	}

	private String storedName(SingleTablePersistentProperty property) {
		return this.converter.getStoredName(property);
	}

	/**
	 * One update expression under construction: sent on its own ({@link #plan}), or as a {@link WriteUnit} of a
	 * transaction ({@link #unit}), where a property stored as NULL is not replaced first (the operation is then
	 * rejected).
	 */
	public final class Update {

		private final SingleTablePersistentEntity<?> metadata;

		private final ExpressionBuilder names = new ExpressionBuilder();

		private final List<String> set = new ArrayList<>();

		private final List<String> add = new ArrayList<>();

		private final List<String> delete = new ArrayList<>();

		/** The empty value that replaces a NULL the change cannot apply to, if any. */
		private @org.jspecify.annotations.Nullable Map<String, AttributeValue> replaceWhenNull;

		/** The stored name of an increment's counter, whose new value it returns; {@literal null} for others. */
		private @org.jspecify.annotations.Nullable String counter;

		/** The map key of an increment of a map entry ({@code "property.key"}), else {@literal null}. */
		private @org.jspecify.annotations.Nullable String counterEntry;

		/** What the update does, for messages: {@code "increment of 'stock'"}. */
		private final String description;

		Update(SingleTablePersistentEntity<?> metadata, String description) {
			this.metadata = metadata;
			this.description = description;
		}

		/**
		 * Returns the update as one operation of a transaction.
		 */
		public WriteUnit unit(String operation, String id) {
			return WriteUnit.failingWith(operation, this.metadata.getType(), id, List.of(item(id)),
					(failed) -> ConditionFailures.ofMissing(this.metadata, id), null);
		}

		/**
		 * The plan that sends the update on its own (see {@link #item}): when it fails because the property is stored
		 * as NULL, that NULL is replaced by an empty value ({@link #replaceNullRequest}) and the same item sent once
		 * more; a failure ends the plan as {@link #failure} names it.
		 */
		public Step<Void> plan(String id) {
			TransactWriteItem update = item(id);
			return written(id, update).recover((ex) -> {
				if (!replacesNullAfter(ex)) {
					throw ex;
				}
				return replaceNull(id).then((ignored) -> written(id, update));
			}).recover((ex) -> {
				throw failure(id, ex, update);
			});
		}

		/**
		 * The plan of an increment: the update sent on its own ({@link #plan}), then its counter's new value read
		 * (strongly consistent).
		 */
		public Step<Long> incrementPlan(String id) {
			return plan(id).then((ignored) -> Step.send(new Request.Plain(readValueRequest(id)),
					(answer) -> Step.done(readValue(answer.get(GetItemResponse.class).item()))));
		}

		/**
		 * Sends the update as a transaction with a client request token, so that a retry after a lost response
		 * never applies it twice, and again while it is cancelled for a transient reason ({@link TransientRetry}).
		 */
		private Step<Void> written(String id, TransactWriteItem update) {
			return TransientRetry.transact(List.of(update), (answer) -> {
				if (answer.failure() instanceof TransactionCanceledException ex) {
					throw cancelled(id, ex);
				}
				answer.orThrow();
				return Step.done(null);
			});
		}

		/**
		 * The property is stored as NULL (a null set, list or map): make it an empty value of the right type
		 * first, only while it is still NULL or missing.
		 */
		private Step<Void> replaceNull(String id) {
			return Step.send(new Request.Conditional(replaceNullRequest(id)), (answer) -> {
				if (!(answer.failure() instanceof ConditionalCheckFailedException)) {
					answer.orThrow();
				}
				// else someone else replaced the NULL meanwhile: the update sent again applies to their value
				return Step.done(null);
			});
		}

		/**
		 * The exception a send of the update ends with: translated, a request DynamoDB rejected named with the
		 * update and resource.
		 * @param ex what the send failed with
		 * @param update the update sent, which names the hot key of a throttled one
		 */
		public RuntimeException failure(String id, RuntimeException ex, TransactWriteItem update) {
			// made at a failure, not with the updates: loading the translator verifies every exception it makes
			RuntimeException failure = new SingleTableExceptionTranslator(AtomicUpdates.this.tableName).translate(ex,
					TransactWriteItemsRequest.builder().transactItems(update).build());
			if (failure instanceof InvalidDataAccessApiUsageException rejected) {
				return new InvalidDataAccessApiUsageException("DynamoDB rejected the " + this.description + " of "
						+ this.metadata.getType().getSimpleName() + " '" + id + "' (is the stored value of another type?): "
						+ rejected.getMostSpecificCause().getMessage() + "; nothing was written", rejected);
			}
			return failure;
		}

		/**
		 * What a cancelled transaction of the update alone ({@link #item}) means: the resource is missing, or what
		 * DynamoDB reported.
		 */
		public RuntimeException cancelled(String id, TransactionCanceledException ex) {
			return ConditionFailures.ofExistingItemChange(this.metadata, id, ex);
		}

		/**
		 * Whether a failed send is sent once more after replacing the property's NULL ({@link #replaceNullRequest}):
		 * DynamoDB rejected the update because the stored value is NULL, and the update has an empty value to put
		 * there.
		 * @param ex what the send failed with ({@link #cancelled} applied)
		 */
		public boolean replacesNullAfter(RuntimeException ex) {
			// the executor translates a rejected request: the SDK's exception is its cause
			DynamoDbException rejected = (ex instanceof DynamoDbException dynamo) ? dynamo
					: (ex.getCause() instanceof DynamoDbException cause) ? cause : null;
			return this.replaceWhenNull != null && rejected != null && isTypeMismatch(rejected);
		}

		/**
		 * The request that reads the new value of an increment's counter (strongly consistent, only that attribute).
		 */
		public GetItemRequest readValueRequest(String id) {
			Assert.state(this.counter != null, "Only an increment reads its value");
			Map<String, AttributeValue> key = ResourceIds.key(this.metadata, id,
					ResourceIds.partitionKey(this.metadata, id));
			return GetItemRequest.builder()
				.tableName(AtomicUpdates.this.tableName)
				.key(key)
				.consistentRead(true)
				.projectionExpression("#a")
				.expressionAttributeNames(Map.of("#a", this.counter))
				.build();
		}

		/**
		 * The value of an increment's counter in the item {@link #readValueRequest} read: 0 when absent.
		 */
		public long readValue(@org.jspecify.annotations.Nullable Map<String, AttributeValue> item) {
			AttributeValue value = (item != null && this.counter != null) ? item.get(this.counter) : null;
			if (this.counterEntry != null && value != null && value.hasM()) {
				value = value.m().get(this.counterEntry);
			}
			return (value != null && value.n() != null) ? new java.math.BigDecimal(value.n()).longValue() : 0;
		}

		/**
		 * The update's one item, as {@link #plan} writes it in a single-item {@code TransactWriteItems} with a client
		 * request token.
		 */
		public TransactWriteItem item(String id) {
			return buildItem(id);
		}

		private TransactWriteItem buildItem(String id) {
			String now = StorageTimestamps.format(AtomicUpdates.this.timestamps.next(null));
			String nowValue = this.names.value(AttributeValue.fromS(now));
			List<String> sets = new ArrayList<>(this.set);
			sets.add(this.names.name(ItemAttributes.UPDATED_AT) + " = " + nowValue);
			if (TypeIndex.sortsByModification(this.metadata)) {
				sets.add(this.names.name(ItemAttributes.GSI_TYPE_SK) + " = " + nowValue);
			}
			List<String> adds = new ArrayList<>(this.add);
			if (this.metadata.getVersionProperty() != null) {
				adds.add(this.names.name(ItemAttributes.VERSION) + " " + this.names.value(AttributeValue.fromN("1")));
			}
			StringBuilder expression = new StringBuilder("SET ").append(String.join(", ", sets));
			if (!adds.isEmpty()) {
				expression.append(" ADD ").append(String.join(", ", adds));
			}
			if (!this.delete.isEmpty()) {
				expression.append(" DELETE ").append(String.join(", ", this.delete));
			}
			// the resource must exist, and not be expired when reads hide expired items
			String condition = Expiry.existsCondition(this.metadata, this.names, AtomicUpdates.this.timestamps.now());
			Map<String, AttributeValue> key = ResourceIds.key(this.metadata, id,
					ResourceIds.partitionKey(this.metadata, id));
			String table = AtomicUpdates.this.tableName;
			return TransactWriteItem.builder()
				.update(software.amazon.awssdk.services.dynamodb.model.Update.builder()
					.tableName(table)
					.key(key)
					.updateExpression(expression.toString())
					.conditionExpression(condition)
					.expressionAttributeNames(this.names.names())
					.expressionAttributeValues(this.names.values())
					.build())
				.build();
		}

		/**
		 * The request that makes the property stored as NULL an empty value of the right type (or removes it, for a
		 * set), only while it is still NULL: its failed condition means someone else replaced it meanwhile, and the
		 * update sent again applies to their value.
		 */
		public UpdateItemRequest replaceNullRequest(String id) {
			Map<String, AttributeValue> replacement = this.replaceWhenNull;
			Assert.state(replacement != null, "The " + this.description + " replaces no NULL");
			Map<String, AttributeValue> key = ResourceIds.key(this.metadata, id,
					ResourceIds.partitionKey(this.metadata, id));
			Map.Entry<String, AttributeValue> entry = replacement.entrySet().iterator().next();
			AttributeValue empty = entry.getValue().hasM() ? AttributeValue.fromM(Map.of())
					: entry.getValue().hasL() ? AttributeValue.fromL(List.of()) : null;
			Map<String, String> names = new HashMap<>();
			names.put(entry.getKey(), this.names.names().get(entry.getKey()));
			Map<String, AttributeValue> values = new HashMap<>();
			values.put(":nullType", AttributeValue.fromS("NULL"));
			String update;
			if (empty != null) {
				values.put(":empty", empty);
				update = "SET " + entry.getKey() + " = :empty";
			}
			else {
				update = "REMOVE " + entry.getKey();
			}
			return UpdateItemRequest.builder()
				.tableName(AtomicUpdates.this.tableName)
				.key(key)
				.updateExpression(update)
				.conditionExpression("attribute_type(" + entry.getKey() + ", :nullType)")
				.expressionAttributeNames(names)
				.expressionAttributeValues(values)
				.build();
		}

		private static boolean isTypeMismatch(DynamoDbException ex) {
			String message = (ex.awsErrorDetails() != null) ? ex.awsErrorDetails().errorMessage() : null;
			if (ex instanceof TransactionCanceledException cancelled && cancelled.hasCancellationReasons()) {
				message = cancelled.cancellationReasons().stream()
					.map((reason) -> String.valueOf(reason.code()) + " " + reason.message())
					.reduce("", String::concat);
			}
			return message != null && (message.contains("incorrect data type") || message.contains("document path")
					|| message.contains("operand type"));
		}

	}

}
