package dev.singletable.core.internal.execution;

import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.internal.blob.BlobRequest;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;

/**
 * Where each request of a template's plan goes, the same for every execution model: a caller's request to the
 * run's answerer (or a failure naming it when the run has none), a DynamoDB request or a transaction to the
 * executor, a backoff counted as a retry before its pause, a wait, a plan handed off to the background work, plans
 * run together, an object request to the blob storage (or a failure when the template has none), anything else a
 * failure naming it. A driver gives its model's {@link Effects}, which only perform what this routing decides.
 *
 * @param <E> what a model answers a request with: the answer itself on the calling thread (blocking), or a
 * publisher of it (reactive)
 */
final class RequestRoutes<E> {

	/** Makes the model's effects, at the first request (see {@link #effects()}). */
	private final Supplier<Effects<E>> made;

	/** The model's effects, {@literal null} until the first request. */
	private @Nullable Effects<E> effects;

	/** Answers no {@link Request.Caller} request: a run that was given no answerer. */
	private final Function<Request.Caller, E> noCaller;

	/**
	 * @param effects makes the model's effects: at the first request, not with the template, as they are lambdas
	 * (each a class spun when made, and the types of their requests loaded) that nothing before it needs
	 */
	RequestRoutes(Supplier<Effects<E>> effects) {
		this.made = effects;
		this.noCaller = (request) -> effects().failed().apply(DriverFailures.noCaller(request));
	}

	/**
	 * Returns the model's effects, made at the first call (twice at worst, by two first requests at once: alike).
	 */
	private Effects<E> effects() {
		Effects<E> effects = this.effects;
		if (effects == null) {
			effects = this.made.get();
			this.effects = effects;
		}
		return effects;
	}

	/**
	 * Returns the answerer of a run given none: each {@link Request.Caller} request fails, naming it.
	 */
	Function<Request.Caller, E> noCaller() {
		return this.noCaller;
	}

	/**
	 * Sends a request where its kind goes.
	 * @param caller answers the plan's {@link Request.Caller} requests
	 * @return the answer, as the model gives it; a failure as the model signals it
	 */
	E send(Request request, Function<Request.Caller, E> caller) {
		if (request instanceof Request.Caller asked) {
			return caller.apply(asked);
		}
		if (request instanceof Request.DynamoDb dynamoDb) {
			return effects().dynamoDb().apply(dynamoDb);
		}
		if (request instanceof Request.Transact transact) {
			return effects().transact().apply(transact);
		}
		if (request instanceof Request.Backoff backoff) {
			return effects().retried().apply(backoff.reason(), () -> send(backoff.pause(), caller));
		}
		if (request instanceof Request.Wait wait) {
			return effects().pause().apply(wait.duration());
		}
		if (request instanceof Request.Background background) {
			return effects().background().apply(background.plan(), background.serial());
		}
		if (request instanceof Request.Plans plans) {
			return effects().plans().apply(plans.plans(), caller);
		}
		if (request instanceof BlobRequest blob) {
			Function<BlobRequest, E> blobs = effects().blobs();
			return (blobs != null) ? blobs.apply(blob)
					: effects().failed().apply(DriverFailures.withoutStorage(blob));
		}
		return effects().failed().apply(DriverFailures.unknown(request));
	}

	/**
	 * What one execution model does for each kind of request: performs it, deciding nothing.
	 *
	 * @param <E> what the model answers a request with
	 * @param dynamoDb sends a DynamoDB request through the executor
	 * @param transact sends a transaction through the executor
	 * @param retried counts a retry for the reason given, then answers with the pause given
	 * @param pause waits the duration, then answers with none
	 * @param background hands a plan off to the background work (in the turn of its serial key, when it has one),
	 * then answers with none
	 * @param plans runs plans together, their caller's requests answered by the answerer given when the model can,
	 * and answers with their results, in their order
	 * @param blobs sends an object request to the template's blob storage, {@literal null} for a template without one
	 * @param failed answers with a failure
	 */
	record Effects<E>(Function<Request.DynamoDb, E> dynamoDb, Function<Request.Transact, E> transact,
			BiFunction<String, Supplier<E>, E> retried, Function<Duration, E> pause,
			BiFunction<Step<?>, @Nullable String, E> background,
			BiFunction<List<Step<?>>, Function<Request.Caller, E>, E> plans,
			@Nullable Function<BlobRequest, E> blobs, Function<RuntimeException, E> failed) {
	}

}
