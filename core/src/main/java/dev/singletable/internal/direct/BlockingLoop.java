package dev.singletable.internal.direct;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import dev.singletable.internal.plan.Answer;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;

/**
 * The one loop of the blocking drivers, the template's {@code BlockingDriver} and those of this package: each step's
 * requests answered on the calling thread, then the plan continued with the answers, until it is done. How a step's
 * requests are answered (one after another or side by side, which failure is answered) is the driver's.
 */
public final class BlockingLoop {

	private BlockingLoop() {
	}

	/**
	 * How a driver answers the requests of one step.
	 */
	@FunctionalInterface
	public interface Answers {

		/**
		 * Answers the requests of one step: a request that failed is answered with its failure, never thrown.
		 * @return one answer for each request, in the order of the requests
		 */
		List<Answer> to(List<Request> requests);

	}

	/**
	 * Runs a plan to its end on the calling thread.
	 * @param answers answers each step's requests
	 * @return the plan's result
	 * @throws RuntimeException what the plan failed with
	 */
	public static <R> @Nullable R run(Step<R> plan, Answers answers) {
		Step<R> step = plan;
		while (step instanceof Step.Send<R> send) {
			step = send.then().apply(answers.to(send.requests()));
		}
		return ((Step.Done<R>) step).result();
	}

	/**
	 * The answers of a driver of this package: the requests of a step sent one after another, a failure answered as
	 * the client threw it ({@link ClientCall#unwrap}).
	 * @param sender sends a request and returns its answer
	 */
	static Answers oneAfterAnother(Function<Request, @Nullable Object> sender) {
		return (requests) -> requests.stream()
			.map((request) -> answer(() -> sender.apply(request), ClientCall::unwrap))
			.toList();
	}

	/**
	 * Answers a request on the calling thread: with what it gave, or with the failure it threw (never thrown on).
	 * @param send sends the request and returns its answer
	 * @param failure the failure to answer for the one thrown
	 */
	static Answer answer(Supplier<@Nullable Object> send, UnaryOperator<RuntimeException> failure) {
		try {
			return Answer.of(send.get());
		}
		catch (RuntimeException ex) {
			return Answer.failed(failure.apply(ex));
		}
	}

	/**
	 * Pauses a {@link Request.Wait}.
	 */
	static void sleep(Request.Wait wait) {
		sleep(wait.duration(), (ex) -> new IllegalStateException("Interrupted while waiting " + wait.duration(), ex));
	}

	/**
	 * Pauses the calling thread, the interrupt kept on it.
	 * @param interrupted the failure thrown when the thread is interrupted while it waits
	 */
	public static void sleep(Duration duration, Function<InterruptedException, RuntimeException> interrupted) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw interrupted.apply(ex);
		}
	}

}
