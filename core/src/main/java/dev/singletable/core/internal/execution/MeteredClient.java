package dev.singletable.core.internal.execution;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.observation.SingleTableMetrics;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The client the {@link DynamoDbExecutor} sends through while the template has {@link SingleTableMetrics}: the
 * application's client, with every item, query, batch and transaction request asking for
 * {@code ReturnConsumedCapacity TOTAL}, and each response's consumed capacity and unprocessed items, and each failed
 * condition or cancellation, reported for the operation running on the thread ({@link Observations#current()}), by
 * the rules of {@link RequestReports}. Everything else passes through unchanged. For the async client
 * ({@link #askingCapacity}) it only asks for the capacity: the {@link ReactiveDynamoDbExecutor} reports each answer
 * for the operation of its Reactor context.
 */
public final class MeteredClient implements InvocationHandler {

	private final Object delegate;

	private final @Nullable RequestReports reports;

	private final @Nullable Observations observations;

	private MeteredClient(Object delegate, @Nullable RequestReports reports, @Nullable Observations observations) {
		this.delegate = delegate;
		this.reports = reports;
		this.observations = observations;
	}

	static DynamoDbClient of(DynamoDbClient delegate, SingleTableMetrics metrics, Observations observations) {
		return (DynamoDbClient) Proxy.newProxyInstance(MeteredClient.class.getClassLoader(),
				new Class<?>[] { DynamoDbClient.class },
				new MeteredClient(delegate, new RequestReports(metrics), observations));
	}

	/**
	 * Returns the async client with every item, query, batch and transaction request asking for its consumed
	 * capacity; its answers are reported by whoever sends it.
	 */
	static DynamoDbAsyncClient askingCapacity(DynamoDbAsyncClient delegate) {
		return (DynamoDbAsyncClient) Proxy.newProxyInstance(MeteredClient.class.getClassLoader(),
				new Class<?>[] { DynamoDbAsyncClient.class }, new MeteredClient(delegate, null, null));
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
		if (args != null && args.length == 1 && args[0] instanceof Consumer<?> && method.isDefault()) {
			// a request given as a builder consumer: the interface builds it and calls this proxy with the request
			return InvocationHandler.invokeDefault(proxy, method, args);
		}
		Object[] sent = (args != null && args.length == 1) ? new Object[] { RequestReports.withCapacity(args[0]) }
				: args;
		Object response;
		try {
			response = method.invoke(this.delegate, sent);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getCause();
			if (this.reports != null && this.observations != null) {
				this.reports.failed(cause, this.observations.current());
			}
			throw cause;
		}
		if (this.reports != null && this.observations != null) {
			this.reports.answered(response, this.observations.current());
		}
		return response;
	}

}
