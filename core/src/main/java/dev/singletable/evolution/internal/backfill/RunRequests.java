package dev.singletable.evolution.internal.backfill;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.internal.execution.DynamoDbExecutor;
import dev.singletable.core.internal.write.ConditionFailures;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * The requests of one run: each waits for the {@link CapacityLimiter}, is sent through the {@link DynamoDbExecutor}
 * (the one exception choke point) and pays what its answer says it consumed ({@code ReturnConsumedCapacity TOTAL},
 * which every request of a run asks for), also counted for the run's progress. A failed conditional write reaches
 * the caller as DynamoDB reports it, after paying one unit for it (its answer carries no consumed capacity).
 */
public final class RunRequests {

	/** What every request of a run asks for. */
	public static final ReturnConsumedCapacity TOTAL = ReturnConsumedCapacity.TOTAL;

	private final DynamoDbExecutor executor;

	private final CapacityLimiter limiter;

	private final BackfillProgress progress;

	RunRequests(DynamoDbExecutor executor, CapacityLimiter limiter, BackfillProgress progress) {
		this.executor = executor;
		this.limiter = limiter;
		this.progress = progress;
	}

	/**
	 * Returns the table's name.
	 */
	public String tableName() {
		return this.executor.getTableName();
	}

	/**
	 * Sends a read, or a write whose failure is no condition.
	 * @param action the request, given the client
	 * @param consumed what the answer says the request consumed
	 */
	public <R> R send(Function<DynamoDbClient, R> action, Function<R, @Nullable ConsumedCapacity> consumed) {
		acquire();
		R response = this.executor.execute(action);
		pay(units(consumed.apply(response)));
		return response;
	}

	/**
	 * Sends a conditional write: a failed condition is thrown as DynamoDB reports it.
	 * @param action the request, given the client
	 * @param consumed what the answer says the request consumed
	 */
	public <R> R sendConditional(Function<DynamoDbClient, R> action, Function<R, @Nullable ConsumedCapacity> consumed) {
		return conditional(action, (response) -> units(consumed.apply(response)));
	}

	/**
	 * Sends a {@code TransactWriteItems} (or another request answering with one capacity per table).
	 */
	public <R> R sendConditionalAll(Function<DynamoDbClient, R> action, Function<R, List<ConsumedCapacity>> consumed) {
		return conditional(action,
				(response) -> consumed.apply(response).stream().mapToDouble(RunRequests::units).sum());
	}

	/**
	 * Sends a conditional write whose failed condition is an answer, not an error.
	 * @return {@literal false} when the condition failed
	 */
	public <R> boolean sendIfConditionHolds(Function<DynamoDbClient, R> action,
			Function<R, @Nullable ConsumedCapacity> consumed) {
		try {
			sendConditional(action, consumed);
			return true;
		}
		catch (RuntimeException ex) {
			if (ConditionFailures.isStale(ex)) {
				return false;
			}
			throw ex;
		}
	}

	private <R> R conditional(Function<DynamoDbClient, R> action, ToDoubleFunction<R> units) {
		acquire();
		R response;
		try {
			response = this.executor.executeConditional(action);
		}
		catch (RuntimeException ex) {
			pay(1);
			throw ex;
		}
		pay(units.applyAsDouble(response));
		return response;
	}

	/**
	 * Reads the stored item again, strongly consistent (after a failed condition).
	 * @return the item, {@literal null} when it no longer exists
	 */
	public @Nullable Map<String, AttributeValue> readAgain(Map<String, AttributeValue> key) {
		Map<String, AttributeValue> item = send((client) -> client.getItem((request) -> request
			.tableName(tableName())
			.key(key)
			.consistentRead(true)
			.returnConsumedCapacity(TOTAL)), (response) -> response.consumedCapacity()).item();
		return (item == null || item.isEmpty()) ? null : item;
	}

	private void acquire() {
		try {
			this.limiter.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RunStoppedException();
		}
	}

	private void pay(double units) {
		this.limiter.pay(units);
		this.progress.consumed(units);
	}

	private static double units(@Nullable ConsumedCapacity capacity) {
		return (capacity != null && capacity.capacityUnits() != null) ? capacity.capacityUnits() : 0;
	}

	/**
	 * Thrown inside a run's threads when the run is stopped: the segment in hand is released.
	 */
	static final class RunStoppedException extends RuntimeException {

		RunStoppedException() {
			super("backfill run stopped", null, false, false);
		}

	}

}
