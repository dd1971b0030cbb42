package dev.singletable.core.internal.reactive;

import org.jspecify.annotations.Nullable;
import org.springframework.data.mapping.callback.EntityCallback;
import org.springframework.data.mapping.callback.ReactiveEntityCallbacks;

import dev.singletable.core.internal.write.build.Callbacks;
import dev.singletable.core.mapping.event.ReactiveAfterDeleteCallback;
import dev.singletable.core.mapping.event.ReactiveBeforeSaveCallback;
import reactor.core.publisher.Mono;

/**
 * Where the reactive template invokes its entity callbacks ({@code Reactive…Callback} of
 * {@code dev.singletable.core.mapping.event}), in one place, as {@link Callbacks} does for the blocking template and
 * with its rules (the template's timestamps kept through a before-convert callback, the latest item handed to the
 * save callbacks); each invocation answers the entity as given until the template has {@link ReactiveEntityCallbacks}.
 */
final class ReactiveCallbacks {

	private volatile @Nullable ReactiveEntityCallbacks callbacks;

	void set(@Nullable ReactiveEntityCallbacks callbacks) {
		this.callbacks = callbacks;
	}

	boolean isSet() {
		return this.callbacks != null;
	}

	/**
	 * Runs the callbacks of one type on an entity when subscribed, answering what they return (the entity itself
	 * when the template has none): what a write's plan asks its caller for.
	 * @param type the callback type, such as {@code ReactiveBeforeSaveCallback.class}
	 * @param args what the callbacks get besides the entity (the latest item, for the save callbacks)
	 */
	Mono<Object> invoke(@SuppressWarnings("rawtypes") Class<? extends EntityCallback> type, Object entity,
			Object... args) {
		ReactiveEntityCallbacks current = this.callbacks;
		return (current == null) ? Mono.just(entity) : Mono.defer(() -> current.callback(type, entity, args));
	}

	/** Runs the after-delete callbacks on an entity given to a delete. */
	Mono<Void> afterDelete(Object entity) {
		ReactiveEntityCallbacks current = this.callbacks;
		return (current == null) ? Mono.empty()
				: Mono.defer(() -> current.callback(ReactiveAfterDeleteCallback.class, entity)).then();
	}

}
