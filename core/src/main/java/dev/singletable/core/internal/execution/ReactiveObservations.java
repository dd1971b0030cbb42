package dev.singletable.core.internal.execution;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.internal.query.QuerySpec;
import dev.singletable.core.observation.SingleTableObservation;
import dev.singletable.core.observation.SingleTableObservationContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Where the reactive template's operations are observed, by the rules of {@link ObservationRules} (the same contexts,
 * names, tags and convention as the blocking template's): each operation is one
 * {@link SingleTableObservation#OPERATION} observation, started when its {@link Mono} or {@link Flux} is subscribed
 * and stopped when it completes, fails (the error recorded) or is cancelled. The operation's context travels in the
 * Reactor context instead of a thread-local, so the {@link ReactiveDynamoDbExecutor}'s reports (consumed capacity,
 * conflicts, retries, unprocessed items) carry the operation's tags whichever thread delivers the answer. An
 * observation's parent is the one the Reactor context holds under {@value #PARENT_KEY} (Micrometer's
 * {@link ObservationThreadLocalAccessor#KEY}, as context propagation writes it), else the one current on the
 * subscribing thread; the operation's own observation is put there for what runs inside it. With neither an
 * observation registry nor metrics, an operation is returned as it is.
 */
public final class ReactiveObservations extends ObservationRules {

	/**
	 * The key of the current observation in a Reactor context: Micrometer's
	 * {@link ObservationThreadLocalAccessor#KEY} (a constant: the optional {@code context-propagation} library that
	 * class needs is not needed here).
	 */
	public static final String PARENT_KEY = ObservationThreadLocalAccessor.KEY;

	/** The key of the running operation's context in the Reactor context. */
	private static final Class<SingleTableObservationContext> CURRENT = SingleTableObservationContext.class;

	ReactiveObservations(String tableName) {
		super(tableName);
	}

	/**
	 * Observes an operation on the table by key.
	 * @param operation the operation's name
	 * @param type the entity type it is about, {@literal null} for none
	 * @param source the operation
	 * @return the operation, observed when subscribed
	 */
	public <T> Mono<T> observe(String operation, @Nullable Class<?> type, Mono<T> source) {
		return enabled() ? observe(context(operation, type), source) : source;
	}

	/**
	 * Observes an operation on the table by key that returns several results.
	 * @param operation the operation's name
	 * @param type the entity type it is about, {@literal null} for none
	 * @param source the operation
	 * @return the operation, observed when subscribed
	 */
	public <T> Flux<T> observeMany(String operation, @Nullable Class<?> type, Flux<T> source) {
		return enabled() ? observeMany(context(operation, type), source) : source;
	}

	/**
	 * Observes a query operation, tagged with the query's types and index ({@link #queryContext}).
	 * @param spec the query
	 */
	public <T> Mono<T> observeQuery(String operation, QuerySpec spec, Mono<T> source) {
		return enabled() ? observe(queryContext(operation, spec), source) : source;
	}

	/**
	 * Observes a part of a transaction's commit as {@link Observations#observeCommit} runs it: as the commit, tagged
	 * with the types it writes, when it is the send of its writes ({@link #commitContext}).
	 * @param types the type of each write, in order (repeats are tagged once); {@literal null} for another part
	 */
	public <T> Mono<T> observeCommit(@Nullable List<Class<?>> types, Mono<T> source) {
		SingleTableObservationContext commit = commitContext(types);
		return (commit != null) ? observe(commit, source) : source;
	}

	private <T> Mono<T> observe(SingleTableObservationContext context, Mono<T> source) {
		return Mono.deferContextual((view) -> {
			Running running = start(context, view);
			return source.contextWrite(running::within)
				.doOnSuccess((result) -> running.stop(null))
				.doOnError(running::stop)
				.doOnCancel(() -> running.stop(null));
		});
	}

	private <T> Flux<T> observeMany(SingleTableObservationContext context, Flux<T> source) {
		return Flux.deferContextual((view) -> {
			Running running = start(context, view);
			return source.contextWrite(running::within)
				.doOnComplete(() -> running.stop(null))
				.doOnError(running::stop)
				.doOnCancel(() -> running.stop(null));
		});
	}

	private Running start(SingleTableObservationContext context, ContextView view) {
		Observation observation = observation(context);
		if (observation != null) {
			Object parent = view.getOrDefault(PARENT_KEY, null);
			if (parent instanceof Observation outer) {
				observation.parentObservation(outer);
			}
			observation.start();
		}
		return new Running(context, observation);
	}

	/**
	 * Returns the operation a request is sent for: the one of the Reactor context, else {@code unknown}.
	 */
	SingleTableObservationContext current(ContextView view) {
		return view.getOrDefault(CURRENT, unknown());
	}

	/**
	 * An operation while it runs: its context and its observation (none with metrics only), stopped once.
	 */
	private static final class Running {

		private final SingleTableObservationContext context;

		private final @Nullable Observation observation;

		private final AtomicBoolean stopped = new AtomicBoolean();

		Running(SingleTableObservationContext context, @Nullable Observation observation) {
			this.context = context;
			this.observation = observation;
		}

		/**
		 * The Reactor context of what runs inside the operation.
		 */
		Context within(Context outer) {
			Context inner = outer.put(CURRENT, this.context);
			return (this.observation != null) ? inner.put(PARENT_KEY, this.observation) : inner;
		}

		void stop(@Nullable Throwable error) {
			if (this.observation != null && this.stopped.compareAndSet(false, true)) {
				if (error != null) {
					this.observation.error(error);
				}
				this.observation.stop();
			}
		}

	}

}
