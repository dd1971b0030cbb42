package dev.singletable.evolution.internal.backfill;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.singletable.internal.plan.Answer;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.item.ItemRequests;
import dev.singletable.evolution.internal.plan.PlanRunner;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Runs the plans of one run on the template's driver, capacity limited: before each DynamoDB request is sent, the
 * plan waits ({@code Request.Wait}) while the {@link CapacityLimiter} is in debt; after it, it pays what the answer
 * says the request consumed ({@code ReturnConsumedCapacity TOTAL}, which every request of a run asks for), also
 * counted for the run's progress. A failed conditional write pays one unit (its answer carries no consumed
 * capacity); a wait cut short by an interrupt stops the run ({@link RunStoppedException}). The requests of a step
 * are sent one by one, each waiting for the limiter, as the blocking driver sends them anyway.
 *
 * @param driver the template's driver the plans run on
 * @param tableName the table's name
 * @param limiter the run's capacity limit
 * @param progress where the consumed capacity is counted
 */
public record RunRequests(PlanRunner driver, String tableName, CapacityLimiter limiter, BackfillProgress progress) {

	/** What every request of a run asks for. */
	public static final ReturnConsumedCapacity TOTAL = ReturnConsumedCapacity.TOTAL;

	/**
	 * Runs a plan of the run, capacity limited and counted.
	 * @return its result
	 */
	public <R> @Nullable R run(Step<R> plan) {
		return this.driver.run(limited(plan));
	}

	/**
	 * Reads the stored item again, strongly consistent (after a failed condition).
	 * @return the item, {@literal null} when it no longer exists
	 */
	public @Nullable Map<String, AttributeValue> readAgain(Map<String, AttributeValue> key) {
		return run(ItemRequests.item(this.tableName, key, TOTAL));
	}

	/**
	 * The plan with each DynamoDB request sent on its own, after the limiter lets it through, and paid for.
	 */
	<R> Step<R> limited(Step<R> step) {
		if (!(step instanceof Step.Send<R> send)) {
			return step;
		}
		if (send.requests().isEmpty()) {
			return Step.defer(() -> limited(send.then().apply(List.of())));
		}
		return each(send, 0, new ArrayList<>(send.requests().size()));
	}

	private <R> Step<R> each(Step.Send<R> send, int index, List<Answer> answers) {
		if (index == send.requests().size()) {
			return limited(send.then().apply(answers));
		}
		Request request = send.requests().get(index);
		Step<R> sent = Step.send(request, (answer) -> {
			pay(request, answer);
			answers.add(answer);
			return each(send, index + 1, answers);
		});
		return isDynamoDb(request) ? admitted(sent) : sent;
	}

	/**
	 * Sends a step once the limiter is out of debt, waiting as long as it says.
	 */
	private <R> Step<R> admitted(Step<R> sent) {
		return Step.defer(() -> {
			Duration wait = this.limiter.waitTime();
			if (wait.isZero()) {
				return sent;
			}
			return Step.send(new Request.Wait(wait), (waited) -> {
				if (waited.isFailure()) {
					// the thread was interrupted while waiting
					throw new RunStoppedException();
				}
				return admitted(sent);
			});
		});
	}

	private void pay(Request request, Answer answer) {
		if (!isDynamoDb(request) || (answer.isFailure() && request instanceof Request.Plain)) {
			return;
		}
		double units = answer.isFailure() ? 1
				: (answer.response() instanceof DynamoDbResponse response) ? units(response) : 0;
		this.limiter.pay(units);
		this.progress.consumed(units);
	}

	private static boolean isDynamoDb(Request request) {
		return request instanceof Request.Plain || request instanceof Request.Conditional
				|| request instanceof Request.Write;
	}

	/**
	 * The capacity units a response says its request consumed: one {@code ConsumedCapacity}, or one per table
	 * ({@code TransactWriteItems}).
	 */
	static double units(DynamoDbResponse response) {
		Object consumed = response.getValueForField("ConsumedCapacity", Object.class).orElse(null);
		if (consumed instanceof ConsumedCapacity capacity) {
			return units(capacity);
		}
		double units = 0;
		if (consumed instanceof List<?> capacities) {
			for (Object capacity : capacities) {
				units += (capacity instanceof ConsumedCapacity one) ? units(one) : 0;
			}
		}
		return units;
	}

	private static double units(ConsumedCapacity capacity) {
		return (capacity.capacityUnits() != null) ? capacity.capacityUnits() : 0;
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
