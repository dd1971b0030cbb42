package dev.singletable.core;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Sends requests to the table: owns the {@link DynamoDbClient}, translates every SDK exception with the
 * {@link SingleTableExceptionTranslator}, and follows {@code LastEvaluatedKey} from one {@code Query} page to the
 * next. The template and its helpers send through it and never handle the client or the translation themselves.
 */
final class DynamoDbExecutor {

	private final DynamoDbClient client;

	private final String tableName;

	private final SingleTableExceptionTranslator exceptionTranslator;

	DynamoDbExecutor(DynamoDbClient client, String tableName) {
		this.client = client;
		this.tableName = tableName;
		this.exceptionTranslator = new SingleTableExceptionTranslator(tableName);
	}

	DynamoDbClient getClient() {
		return this.client;
	}

	String getTableName() {
		return this.tableName;
	}

	/**
	 * Runs a request, translating what it throws.
	 * @param action the request, given the client
	 * @return what the request returns
	 */
	<R> R execute(Function<DynamoDbClient, R> action) {
		return call(() -> action.apply(this.client));
	}

	/**
	 * Runs an action, translating what it throws.
	 */
	<R> R call(Supplier<R> action) {
		try {
			return action.get();
		}
		catch (RuntimeException ex) {
			throw translate(ex);
		}
	}

	/**
	 * Sends a conditional write: a failed condition reaches the caller as DynamoDB reports it (with the item found,
	 * when asked for), for {@link ConditionFailures} to interpret; anything else is translated.
	 * @param action the request, given the client
	 * @return what the request returns
	 */
	<R> R executeConditional(Function<DynamoDbClient, R> action) {
		try {
			return action.apply(this.client);
		}
		catch (ConditionalCheckFailedException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw translate(ex);
		}
	}

	/**
	 * Translates an exception into Spring's {@code DataAccessException} hierarchy where it fits one.
	 */
	RuntimeException translate(RuntimeException ex) {
		return this.exceptionTranslator.translate(ex);
	}

	/**
	 * Reads one item by key.
	 * @param key the item's key
	 * @param consistent whether the read is strongly consistent
	 * @return the item, empty when there is none
	 */
	Optional<Map<String, AttributeValue>> getItem(Map<String, AttributeValue> key, boolean consistent) {
		Map<String, AttributeValue> item = execute((client) -> client
			.getItem((request) -> request.tableName(this.tableName).key(key).consistentRead(consistent))
			.item());
		return (item == null || item.isEmpty()) ? Optional.empty() : Optional.of(item);
	}

	/**
	 * Sends one {@code Query}.
	 */
	QueryResponse query(QueryRequest request) {
		return execute((client) -> client.query(request));
	}

	/**
	 * The pages of a query, read lazily: each request is built, when the page is asked for, from the start key the
	 * previous page ended at ({@literal null} for the first), until a page has no {@code LastEvaluatedKey}.
	 * @param requests builds the request for a start key
	 * @return the pages
	 */
	Iterator<QueryResponse> pages(Function<@Nullable Map<String, AttributeValue>, QueryRequest> requests) {
		return new Iterator<>() {

			private @Nullable Map<String, AttributeValue> startKey;

			private boolean started;

			@Override
			public boolean hasNext() {
				return !this.started || this.startKey != null;
			}

			@Override
			public QueryResponse next() {
				if (!hasNext()) {
					throw new NoSuchElementException();
				}
				QueryResponse response = query(requests.apply(this.startKey));
				this.started = true;
				this.startKey = nextStartKey(response);
				return response;
			}

		};
	}

	/**
	 * The items of every page of a query.
	 * @param requests builds the request for a start key
	 * @return all items, in the order read
	 */
	List<Map<String, AttributeValue>> queryAll(Function<@Nullable Map<String, AttributeValue>, QueryRequest> requests) {
		List<Map<String, AttributeValue>> items = new ArrayList<>();
		pages(requests).forEachRemaining((response) -> items.addAll(response.items()));
		return items;
	}

	/**
	 * The key the next page of a query starts at, {@literal null} after the last page.
	 */
	static @Nullable Map<String, AttributeValue> nextStartKey(QueryResponse response) {
		return (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) ? response.lastEvaluatedKey()
				: null;
	}

}
