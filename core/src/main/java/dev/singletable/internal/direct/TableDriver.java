package dev.singletable.internal.direct;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;

/**
 * Runs a table's administration on the user's {@link DynamoDbClient}, on the calling thread: {@code DescribeTable},
 * {@code CreateTable} and {@code UpdateTable} ({@link Request.Plain}), sent as they are, failures answered as the
 * client threw them; {@link Request.Wait}s sleep.
 *
 * @param client the user's client
 */
public record TableDriver(DynamoDbClient client) {

	/** The call of the client for each request of a table's administration, by the request's class. */
	private static final RequestTable<RequestCall<DynamoDbClient, ?, Object>> CALLS = new RequestTable<>(
			RequestCall::kind,
			(request) -> new IllegalStateException("A table's administration does not send " + request),
			new RequestCall<>(DescribeTableRequest.class, DynamoDbClient::describeTable),
			new RequestCall<>(CreateTableRequest.class, DynamoDbClient::createTable),
			new RequestCall<>(UpdateTableRequest.class, DynamoDbClient::updateTable));

	public TableDriver {
		Assert.notNull(client, "DynamoDbClient must not be null");
	}

	/**
	 * Runs a plan to its end.
	 * @return the plan's result
	 * @throws RuntimeException what the plan failed with
	 */
	public <R> @Nullable R run(Step<R> plan) {
		return BlockingLoop.run(plan, BlockingLoop.oneAfterAnother(this::send));
	}

	private @Nullable Object send(Request request) {
		if (request instanceof Request.Wait wait) {
			BlockingLoop.sleep(wait);
			return null;
		}
		if (request instanceof Request.Plain plain) {
			return CALLS.entryOf(plain.request()).send(this.client, plain.request());
		}
		throw new IllegalStateException("A table's administration does not send " + request);
	}

}
