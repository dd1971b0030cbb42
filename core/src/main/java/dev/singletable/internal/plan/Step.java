package dev.singletable.internal.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * One step of a plan: the requests it needs next, with what it does once they are answered ({@link Send}), or its end
 * ({@link Done}). A plan is the first step it returns; it does no I/O and keeps no state a driver must know of, so the
 * blocking driver runs it as a loop ({@code while (!(step instanceof Done)) step = send.then(answers)}) and the
 * reactive driver as a chain of Reactor operators, sending the same requests in the same order. A plan fails by
 * throwing from a continuation; the driver ends the run with that exception.
 * <p>
 * Plans compose as values: {@link #then} runs a plan after another with its result, {@link #recover} turns a
 * failure into another plan, {@link #andFinally} runs a plan (such as releasing locks) after success and failure,
 * {@link #all} runs plans side by side, their requests sent together.
 * @param <R> the type of the plan's result
 */
public sealed interface Step<R> {

	/**
	 * A plan that is done with the given result.
	 */
	static <R> Step<R> done(@Nullable R result) {
		return new Done<>(result);
	}

	/**
	 * A plan that sends one request and continues with its answer.
	 */
	static <R> Step<R> send(Request request, Function<Answer, Step<R>> then) {
		return new Send<>(List.of(request), (answers) -> then.apply(answers.get(0)));
	}

	/**
	 * A plan that sends requests together (the driver may send them side by side) and continues with their answers,
	 * in the order of the requests.
	 */
	static <R> Step<R> sendAll(List<Request> requests, Function<List<Answer>, Step<R>> then) {
		if (requests.isEmpty()) {
			return then.apply(List.of());
		}
		return new Send<>(requests, then);
	}

	/**
	 * A plan made when it starts: {@code plan} is called by the driver, not when this step is made.
	 */
	static <R> Step<R> defer(Supplier<Step<R>> plan) {
		return new Send<>(List.of(), (answers) -> plan.get());
	}

	/**
	 * Runs plans side by side: each round, the requests of every plan not yet done are sent together, and the
	 * answers handed back to the plan that asked for them. A plan that fails fails the whole once the round it
	 * failed in is answered.
	 * @return the results of the plans, in their order
	 */
	static <R> Step<List<@Nullable R>> all(List<Step<R>> plans) {
		List<Step<R>> current = List.copyOf(plans);
		List<Request> requests = new ArrayList<>();
		boolean pending = false;
		for (Step<R> plan : current) {
			if (plan instanceof Send<R> send) {
				requests.addAll(send.requests());
				pending = true;
			}
		}
		if (!pending) {
			List<@Nullable R> results = new ArrayList<>(current.size());
			for (Step<R> plan : current) {
				results.add(((Done<R>) plan).result());
			}
			return done(results);
		}
		return new Send<>(requests, (answers) -> {
			List<Step<R>> next = new ArrayList<>(current.size());
			RuntimeException failure = null;
			int offset = 0;
			for (Step<R> plan : current) {
				if (plan instanceof Send<R> send) {
					int size = send.requests().size();
					try {
						next.add(send.then().apply(answers.subList(offset, offset + size)));
					}
					catch (RuntimeException ex) {
						if (failure == null) {
							failure = ex;
						}
						else {
							failure.addSuppressed(ex);
						}
					}
					offset += size;
				}
				else {
					next.add(plan);
				}
			}
			if (failure != null) {
				throw failure;
			}
			return all(next);
		});
	}

	/**
	 * Runs another plan after this one, with its result.
	 */
	<S> Step<S> then(Function<@Nullable R, Step<S>> next);

	/**
	 * Turns a failure of this plan (an exception a continuation throws) into another plan; a failure of the plan
	 * after it ({@link #then} called on the returned step) is not covered.
	 */
	Step<R> recover(Function<RuntimeException, Step<R>> handler);

	/**
	 * Runs a plan after this one, whether this one succeeds or fails: its result, or its failure (thrown again once
	 * the other plan is done), stays this plan's. A failure of the other plan after a failure of this one is added
	 * to this one's as suppressed.
	 */
	default Step<R> andFinally(Supplier<Step<?>> after) {
		return recover((failure) -> after.get().recover((ex) -> {
			failure.addSuppressed(ex);
			throw failure;
		}).then((ignored) -> {
			throw failure;
		})).then((result) -> after.get().then((ignored) -> done(result)));
	}

	/**
	 * Runs a plan after this one and keeps this one's result.
	 */
	default Step<R> thenRun(Supplier<Step<?>> after) {
		return then((result) -> after.get().then((ignored) -> done(result)));
	}

	/**
	 * The last step: the plan is done.
	 * @param result the result, {@literal null} for none
	 */
	record Done<R>(@Nullable R result) implements Step<R> {

		@Override
		public <S> Step<S> then(Function<@Nullable R, Step<S>> next) {
			return next.apply(this.result);
		}

		@Override
		public Step<R> recover(Function<RuntimeException, Step<R>> handler) {
			return this;
		}

	}

	/**
	 * A step that needs requests sent: the driver sends them (side by side, if it can) and calls {@code then} with
	 * their answers, in order, for the next step. No requests: the driver calls {@code then} at once (see
	 * {@link #defer}).
	 * @param requests the requests
	 * @param then the rest of the plan, given the answers
	 */
	record Send<R>(List<Request> requests, Function<List<Answer>, Step<R>> then) implements Step<R> {

		public Send {
			requests = List.copyOf(requests);
		}

		@Override
		public <S> Step<S> then(Function<@Nullable R, Step<S>> next) {
			return new Send<>(this.requests, (answers) -> this.then.apply(answers).then(next));
		}

		@Override
		public Step<R> recover(Function<RuntimeException, Step<R>> handler) {
			return new Send<>(this.requests, (answers) -> {
				Step<R> next;
				try {
					next = this.then.apply(answers);
				}
				catch (RuntimeException ex) {
					return handler.apply(ex);
				}
				return next.recover(handler);
			});
		}

	}

}
