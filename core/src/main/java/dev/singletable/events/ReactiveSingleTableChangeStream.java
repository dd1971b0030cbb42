package dev.singletable.events;

import org.springframework.util.Assert;

import dev.singletable.events.internal.ReactiveChangeFluxes;
import reactor.core.publisher.Flux;

/**
 * The changes of the table's resources as Reactor {@code Flux}es, on a {@link SingleTableChangeStream}: for a
 * Server-Sent Events endpoint, a WebSocket, or any subscriber that follows the changes while it lasts. A class of its
 * own, so that the change stream (its listeners, its worker) needs no Reactor: Spring Boot declares it beside the
 * change stream when Reactor is on the class path; without Boot, {@code new ReactiveSingleTableChangeStream(stream)}.
 */
public final class ReactiveSingleTableChangeStream {

	private final SingleTableChangeStream changeStream;

	/**
	 * Creates the reactive view of a change stream.
	 * @param changeStream the change stream whose changes the {@code Flux}es deliver
	 */
	public ReactiveSingleTableChangeStream(SingleTableChangeStream changeStream) {
		Assert.notNull(changeStream, "SingleTableChangeStream must not be null");
		this.changeStream = changeStream;
	}

	/**
	 * Returns the changes of an entity type as a {@code Flux}: each subscription receives the changes delivered while
	 * it lasts, in order per resource, and completes when the change stream stops (so that a Server-Sent Events
	 * response on it ends with the application). The stream is read no faster than the subscriber requests (the shard
	 * waits for its demand), and a change counts as delivered once the subscriber's {@code onNext} received it: a
	 * subscriber that processes changes asynchronously and must not lose one to a failover should use a listener
	 * instead ({@link SingleTableChangeStream#addListener}, or a {@code @ResourceChangeListener} method returning a
	 * {@code Mono}), whose failures are retried and dead-lettered.
	 * @param type the entity type
	 * @return the changes, from the subscription on
	 */
	public <T> Flux<ResourceChange<T>> changes(Class<T> type) {
		Assert.notNull(type, "Type must not be null");
		return ReactiveChangeFluxes.of(this.changeStream.dispatcher(), type);
	}

	/**
	 * Returns the change stream the {@code Flux}es deliver the changes of.
	 * @return the change stream
	 */
	public SingleTableChangeStream getChangeStream() {
		return this.changeStream;
	}

}
