package dev.singletable.internal.direct;

import java.util.List;
import java.util.function.Function;

import dev.singletable.internal.plan.Answer;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The loop of a reactive driver, composed with Reactor's operators: a plan run when subscribed, each step's requests
 * sent (side by side, or one after another), each answered with what it gave, none, or its failure; the plan's next
 * step is made once every answer is in, so that what the plan does with an answer happens before its result is
 * signalled. No thread waits.
 */
public final class ReactiveLoop {

	private final Function<Request, Mono<?>> sender;

	private final boolean sideBySide;

	private ReactiveLoop(Function<Request, Mono<?>> sender, boolean sideBySide) {
		this.sender = sender;
		this.sideBySide = sideBySide;
	}

	/**
	 * The loop of a template's driver: the requests of a step sent side by side, a failure answered as it is
	 * signalled.
	 * @param sender sends a request when subscribed
	 */
	public static ReactiveLoop sideBySide(Function<Request, Mono<?>> sender) {
		return new ReactiveLoop(sender, true);
	}

	/**
	 * The loop of a driver of this package: the requests of a step sent one after another, a failure answered as
	 * the client threw it (its senders' {@code Mono.fromFuture} signals it out of the future's
	 * {@code CompletionException}, as {@link ClientCall#unwrap} does for the blocking loop).
	 * @param sender sends a request when subscribed
	 */
	static ReactiveLoop oneAfterAnother(Function<Request, Mono<?>> sender) {
		return new ReactiveLoop(sender, false);
	}

	/**
	 * Runs a plan when subscribed.
	 * @return the plan's result (empty for none), or what it failed with
	 */
	public <R> Mono<R> run(Step<R> plan) {
		return Mono.defer(() -> step(plan));
	}

	private <R> Mono<R> step(Step<R> step) {
		if (step instanceof Step.Done<R> done) {
			return Mono.justOrEmpty(done.result());
		}
		Step.Send<R> send = (Step.Send<R>) step;
		List<Request> requests = send.requests();
		Mono<List<Answer>> answers = (requests.size() == 1) ? answer(requests.get(0)).map(List::of)
				: this.sideBySide ? Flux.fromIterable(requests).flatMapSequential(this::answer).collectList()
						: Flux.fromIterable(requests).concatMap(this::answer).collectList();
		return answers.flatMap((answered) -> step(send.then().apply(answered)));
	}

	private Mono<Answer> answer(Request request) {
		return Mono.defer(() -> this.sender.apply(request))
			.map(Answer::of)
			.defaultIfEmpty(Answer.of(null))
			.onErrorResume(RuntimeException.class, (ex) -> Mono.just(Answer.failed(ex)));
	}

}
