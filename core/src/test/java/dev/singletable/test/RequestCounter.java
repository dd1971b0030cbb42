package dev.singletable.test;

import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the requests of the client it is installed in, by operation name ({@code PutItem},
 * {@code BatchGetItem}, ...). It tells apart:
 * <ul>
 * <li><em>attempts</em> ({@link #total()}, {@link #count(String)}, {@link #operations()}): one per HTTP
 * request the SDK is about to send, counted in {@code beforeTransmission}, so each SDK retry counts again;
 * <li><em>calls</em> ({@link #calls()}, {@link #calls(String)}, {@link #calledOperations()}): one per
 * method called on the client, counted in {@code beforeExecution}, however many attempts it takes.
 * </ul>
 * Installed before a {@link FaultInjector} in the same client, it also counts the attempts that the injector
 * fails before they reach the server. Thread-safe.
 */
public class RequestCounter implements ExecutionInterceptor {

	private static final String UNKNOWN = "unknown";

	private final List<String> attempts = new ArrayList<>();

	private final List<String> calls = new ArrayList<>();

	private final List<SdkRequest> sent = new ArrayList<>();

	/**
	 * Counts one call.
	 * @param context the SDK context
	 * @param executionAttributes the attributes of the execution
	 */
	@Override
	public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
		String operation = operationName(executionAttributes);
		synchronized (this) {
			this.calls.add(operation);
			this.sent.add(context.request());
		}
	}

	/**
	 * Counts one attempt.
	 * @param context the SDK context
	 * @param executionAttributes the attributes of the execution
	 */
	@Override
	public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
		String operation = operationName(executionAttributes);
		synchronized (this) {
			this.attempts.add(operation);
		}
	}

	/**
	 * Returns the number of attempts since the last reset.
	 * @return the number of attempts of all operations
	 */
	public synchronized int total() {
		return this.attempts.size();
	}

	/**
	 * Returns the number of attempts of one operation since the last reset.
	 * @param operationName the operation name, for example {@code PutItem}
	 * @return the number of attempts of that operation
	 */
	public synchronized int count(String operationName) {
		return (int) this.attempts.stream().filter(operationName::equals).count();
	}

	/**
	 * Returns the operation name of each attempt since the last reset, in order.
	 * @return an immutable copy, as long as {@link #total()}
	 */
	public synchronized List<String> operations() {
		return List.copyOf(this.attempts);
	}

	/**
	 * Returns the number of calls since the last reset.
	 * @return the number of calls of all operations
	 */
	public synchronized int calls() {
		return this.calls.size();
	}

	/**
	 * Returns the number of calls of one operation since the last reset.
	 * @param operationName the operation name, for example {@code PutItem}
	 * @return the number of calls of that operation
	 */
	public synchronized int calls(String operationName) {
		return (int) this.calls.stream().filter(operationName::equals).count();
	}

	/**
	 * Returns the operation name of each call since the last reset, in order.
	 * @return an immutable copy, as long as {@link #calls()}
	 */
	public synchronized List<String> calledOperations() {
		return List.copyOf(this.calls);
	}

	/**
	 * Forgets every attempt and call counted so far.
	 */
	public synchronized void reset() {
		this.attempts.clear();
		this.calls.clear();
		this.sent.clear();
	}

	/**
	 * Returns the requests of one type the client was called with since the last reset (once per call, not
	 * per retry), in order.
	 * @param <R> the request type
	 * @param type the request type, e.g. {@code QueryRequest.class}
	 * @return the requests
	 */
	public synchronized <R extends SdkRequest> List<R> sent(Class<R> type) {
		return this.sent.stream().filter(type::isInstance).map(type::cast).toList();
	}

	static String operationName(ExecutionAttributes executionAttributes) {
		String operation = executionAttributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
		return (operation != null) ? operation : UNKNOWN;
	}

	@Override
	public synchronized String toString() {
		return "RequestCounter[attempts=" + this.attempts + ", calls=" + this.calls + "]";
	}

}
