package dev.singletable.core.internal.execution.direct;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.internal.plan.Answer;
import dev.singletable.core.internal.plan.Request;
import dev.singletable.core.internal.plan.Step;

/**
 * The loop of a blocking driver of this package: each step's requests sent one after another on the calling thread,
 * a failure answered as it was thrown.
 */
final class BlockingLoop {

	private BlockingLoop() {
	}

	static <R> @Nullable R run(Step<R> plan, Function<Request, @Nullable Object> sender) {
		Step<R> step = plan;
		while (step instanceof Step.Send<R> send) {
			List<Answer> answers = new ArrayList<>(send.requests().size());
			for (Request request : send.requests()) {
				try {
					answers.add(Answer.of(sender.apply(request)));
				}
				catch (RuntimeException ex) {
					answers.add(Answer.failed(unwrap(ex)));
				}
			}
			step = send.then().apply(answers);
		}
		return ((Step.Done<R>) step).result();
	}

	/**
	 * The failure of a request as the client threw it, out of the {@link CompletionException} of an async client.
	 */
	static RuntimeException unwrap(RuntimeException ex) {
		return (ex instanceof CompletionException && ex.getCause() instanceof RuntimeException cause) ? cause : ex;
	}

	/**
	 * Pauses a {@link Request.Wait}.
	 */
	static void sleep(Request.Wait wait) {
		try {
			Thread.sleep(wait.duration().toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting " + wait.duration(), ex);
		}
	}

}
