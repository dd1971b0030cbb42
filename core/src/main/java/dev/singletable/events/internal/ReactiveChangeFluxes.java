package dev.singletable.events.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import dev.singletable.events.ResourceChange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * The changes of an entity type as a {@code Flux}: each subscription is a listener of the dispatcher for as long as
 * it lasts, and holds the shard it is delivered from until the subscriber requested the change (the stream is read no
 * faster than the subscriber asks), so a change counts as delivered once the subscriber's {@code onNext} received it.
 * Every subscription completes when the stream stops ({@link ChangeDispatcher#endSubscriptions()}), a subscription
 * made while it is stopped at once. Kept apart from {@code SingleTableChangeStream} so that Reactor is needed only by
 * applications that subscribe.
 */
public final class ReactiveChangeFluxes {

	private static final AtomicInteger subscriptions = new AtomicInteger();

	private ReactiveChangeFluxes() {
	}

	/**
	 * Returns the changes of a type, one listener per subscription.
	 * @param dispatcher the dispatcher the subscriptions listen to
	 * @param type the entity type
	 */
	public static <T> Flux<ResourceChange<T>> of(ChangeDispatcher dispatcher, Class<T> type) {
		return Flux.create((sink) -> {
			Demand demand = new Demand();
			sink.onRequest(demand::add);
			Runnable remove = dispatcher.addListener(type,
					"Flux<ResourceChange<" + type.getSimpleName() + ">>#" + subscriptions.incrementAndGet(),
					(change) -> {
						if (demand.take()) {
							sink.next(change);
						}
					});
			AtomicReference<Runnable> unregister = new AtomicReference<>(() -> {
			});
			sink.onDispose(() -> {
				remove.run();
				unregister.get().run();
				demand.cancel();
			});
			// completed when the stream stops, so that a subscriber (a Server-Sent Events response) ends with it
			unregister.set(dispatcher.onSubscriptionsEnd(sink::complete));
			if (sink.isCancelled()) {
				unregister.get().run();
			}
		}, FluxSink.OverflowStrategy.ERROR);
	}

	/** What a subscriber requested and was not given yet; cancelled when its subscription ends. */
	private static final class Demand {

		private final ReentrantLock lock = new ReentrantLock();

		private final Condition changed = this.lock.newCondition();

		private long requested;

		private boolean cancelled;

		void add(long count) {
			change(() -> this.requested = (Long.MAX_VALUE - this.requested < count) ? Long.MAX_VALUE
					: this.requested + count);
		}

		void cancel() {
			change(() -> this.cancelled = true);
		}

		/** Changes the demand under the lock and wakes the waiting {@link #take()}. */
		private void change(Runnable change) {
			this.lock.lock();
			try {
				change.run();
				this.changed.signalAll();
			}
			finally {
				this.lock.unlock();
			}
		}

		/**
		 * Waits until one more change is requested, and takes it.
		 * @return {@literal false} when the subscription ended instead
		 */
		boolean take() {
			this.lock.lock();
			try {
				while (this.requested == 0 && !this.cancelled) {
					this.changed.await();
				}
				if (this.cancelled) {
					return false;
				}
				if (this.requested != Long.MAX_VALUE) {
					this.requested--;
				}
				return true;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for the subscriber's demand", ex);
			}
			finally {
				this.lock.unlock();
			}
		}

	}

}
