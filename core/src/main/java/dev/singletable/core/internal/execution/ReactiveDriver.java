package dev.singletable.core.internal.execution;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.blob.ReactiveBlobStorage;
import dev.singletable.internal.direct.ReactiveLoop;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs plans on the async clients, composed with Reactor's operators ({@link ReactiveLoop}): the requests of a step
 * are sent side by side when subscribed, each once through the {@link ReactiveDynamoDbExecutor} (translation,
 * observations, metrics; a transaction with the client request token the plan gave it, a backoff on a timer counted
 * as a retry), objects through the template's {@link ReactiveBlobStorage} ({@link ReactiveBlobStorageRequests}); the
 * plan's next step is made once every answer is in. No thread waits.
 */
public final class ReactiveDriver {

	/** The plans of a {@link Request.Plans} in flight at once. */
	private static final int CONCURRENCY = 4;

	private final ReactiveDynamoDbExecutor executor;

	/** Where each request goes. */
	private final RequestRoutes<Mono<?>> routes;

	/**
	 * A driver without blob storage: an object request fails.
	 */
	public ReactiveDriver(ReactiveDynamoDbExecutor executor) {
		this(executor, null);
	}

	/**
	 * A driver that sends the plans' object requests to the given storage.
	 * @param blobs the template's blob storage, {@literal null} for none (an object request then fails)
	 */
	public ReactiveDriver(ReactiveDynamoDbExecutor executor, @Nullable ReactiveBlobStorage blobs) {
		this.executor = executor;
		this.routes = new RequestRoutes<>(() -> effects(blobs));
	}

	public ReactiveDynamoDbExecutor executor() {
		return this.executor;
	}

	/**
	 * Runs a plan when subscribed.
	 * @return the plan's result (empty for none), or what it failed with
	 */
	public <R> Mono<R> run(Step<R> plan) {
		return run(plan, this.routes.noCaller());
	}

	/**
	 * Runs a plan when subscribed, its {@link Request.Caller} requests answered by {@code caller} (which reads the
	 * subscriber's Reactor context), those of the plans it runs side by side too.
	 * @return the plan's result (empty for none), or what it failed with
	 */
	public <R> Mono<R> run(Step<R> plan, Function<Request.Caller, Mono<?>> caller) {
		return ReactiveLoop.sideBySide((request) -> this.routes.send(request, caller)).run(plan);
	}

	/**
	 * Performs what the {@link RequestRoutes} decide, when subscribed.
	 */
	private RequestRoutes.Effects<Mono<?>> effects(@Nullable ReactiveBlobStorage blobs) {
		return new RequestRoutes.Effects<>((dynamoDb) -> this.executor.send(dynamoDb),
				(transact) -> this.executor.transactWriteItems(transact),
				(reason, pause) -> this.executor.retried(reason).then(pause.get()),
				(duration) -> Mono.delay(duration).then(), this::background, this::runAll,
				(blobs != null) ? (blob) -> ReactiveBlobStorageRequests.send(blobs, blob) : null, Mono::error);
	}

	/**
	 * Subscribes to a plan without waiting for it when the background work has room, else runs it in line; either
	 * way after the plans handed off before it with the same serial key (see {@link BackgroundWork#turn}).
	 */
	private Mono<Void> background(Step<?> plan, @Nullable String serial) {
		BackgroundWork work = BackgroundWork.shared();
		return Mono.defer(() -> {
			// the turn is taken when the write hands the plan off, and always ended (the plan ends, fails or is
			// cancelled), or the next plan of the key would wait for ever
			BackgroundWork.Turn turn = work.turn(serial);
			Mono<?> inTurn = Mono.fromCompletionStage(turn.previous())
				.then(Mono.defer(() -> run(plan)))
				.doFinally((signal) -> work.end(turn));
			if (!work.tryStart()) {
				return inTurn.doOnError(BackgroundWork::failed).onErrorComplete().then();
			}
			inTurn.doFinally((signal) -> work.finished()).subscribe(null, BackgroundWork::failed);
			return Mono.<Void>empty();
		});
	}

	/**
	 * Runs plans a few at a time by the rule of {@link SideBySide}: once one fails, none not yet started starts, and
	 * the ones in flight end (never cancelled half-way) before the first failure is signalled.
	 */
	private Mono<List<Object>> runAll(List<Step<?>> plans, Function<Request.Caller, Mono<?>> caller) {
		SideBySide<Object> side = new SideBySide<>(plans.size());
		return Flux.range(0, plans.size())
			.flatMapSequential((index) -> side.failed() ? Mono.empty()
					: run(plans.get(index), caller).doOnNext((result) -> side.done(index, result))
						.onErrorResume((ex) -> {
							side.fail(ex);
							return Mono.empty();
						}), CONCURRENCY)
			.then(Mono.fromCallable(side::results));
	}

}
