package dev.singletable.internal.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Runs a plan without a server, as the blocking driver does, answering each request from a script: the tests of a
 * plan say which answers it gets and check the requests it sent and its result.
 */
public final class ScriptedDriver {

	private final Function<Request, Answer> script;

	private final List<Request> sent = new ArrayList<>();

	/**
	 * @param script the answer to each request, in the order they are sent
	 */
	public ScriptedDriver(Function<Request, Answer> script) {
		this.script = script;
	}

	/**
	 * Runs a plan to its end.
	 * @return its result
	 * @throws RuntimeException what the plan failed with
	 */
	public <R> @Nullable R run(Step<R> plan) {
		Step<R> step = plan;
		while (step instanceof Step.Send<R> send) {
			List<Answer> answers = new ArrayList<>();
			for (Request request : send.requests()) {
				answers.add((request instanceof Request.Plans plans) ? runAll(plans.plans()) : answer(request));
			}
			step = send.then().apply(answers);
		}
		return ((Step.Done<R>) step).result();
	}

	private Answer answer(Request request) {
		this.sent.add(request);
		return this.script.apply(request);
	}

	/**
	 * Runs the plans of a {@link Request.Plans} one after another, as the blocking driver does without a pool: the
	 * first failure stops those not yet started.
	 */
	private Answer runAll(List<Step<?>> plans) {
		List<@Nullable Object> results = new ArrayList<>();
		try {
			for (Step<?> plan : plans) {
				results.add(run(plan));
			}
		}
		catch (RuntimeException ex) {
			return Answer.failed(ex);
		}
		return Answer.of(results);
	}

	/**
	 * The requests sent so far, in order.
	 */
	public List<Request> sent() {
		return this.sent;
	}

	/**
	 * The requests sent so far of one kind, in order.
	 */
	public <T extends Request> List<T> sent(Class<T> kind) {
		return this.sent.stream().filter(kind::isInstance).map(kind::cast).toList();
	}

}
