package dev.singletable.core.internal.reactive;

import org.jspecify.annotations.Nullable;
import org.springframework.data.mapping.callback.ReactiveEntityCallbacks;

import dev.singletable.core.internal.write.Callbacks;
import dev.singletable.core.internal.write.WriteUnit;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.event.ReactiveAfterDeleteCallback;
import dev.singletable.core.mapping.event.ReactiveAfterSaveCallback;
import dev.singletable.core.mapping.event.ReactiveBeforeConvertCallback;
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

	/** Runs the before-convert callbacks, keeping the template's timestamps as the entity carried them. */
	<T> Mono<T> beforeConvert(SingleTablePersistentEntity<T> metadata, T entity) {
		ReactiveEntityCallbacks current = this.callbacks;
		if (current == null) {
			return Mono.just(entity);
		}
		return Mono.defer(() -> current.callback(ReactiveBeforeConvertCallback.class, entity))
			.map((converted) -> Callbacks.keepTemplateStamps(metadata, entity, converted));
	}

	/** Runs the before-save callbacks on the entity of a unit and the latest item it writes. */
	Mono<Void> beforeSave(WriteUnit unit) {
		ReactiveEntityCallbacks current = this.callbacks;
		Object entity = unit.result();
		return (current == null || entity == null) ? Mono.empty()
				: Mono.defer(() -> current.callback(ReactiveBeforeSaveCallback.class, entity, Callbacks.latestItem(unit)))
					.then();
	}

	/** Runs the after-save callbacks on the entity of a written unit. */
	Mono<Object> afterSave(@Nullable Object written, WriteUnit unit) {
		ReactiveEntityCallbacks current = this.callbacks;
		if (written == null) {
			return Mono.empty();
		}
		return (current == null) ? Mono.just(written)
				: Mono.defer(() -> current.callback(ReactiveAfterSaveCallback.class, written, Callbacks.latestItem(unit)));
	}

	/** Runs the after-delete callbacks on an entity given to a delete. */
	Mono<Void> afterDelete(Object entity) {
		ReactiveEntityCallbacks current = this.callbacks;
		return (current == null) ? Mono.empty()
				: Mono.defer(() -> current.callback(ReactiveAfterDeleteCallback.class, entity)).then();
	}

}
