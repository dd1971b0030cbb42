package dev.singletable.core.mapping.event;

import org.reactivestreams.Publisher;
import org.springframework.data.mapping.callback.EntityCallback;

/**
 * Reactive counterpart of {@link AfterDeleteCallback}, run by the reactive template after an entity given to
 * {@code delete} or {@code deleteExisting} was deleted (in a reactive transaction, after its commit).
 *
 * @param <T> the entity type
 */
@FunctionalInterface
public interface ReactiveAfterDeleteCallback<T> extends EntityCallback<T> {

	/**
	 * Called after the entity was deleted.
	 * @param entity the entity as given to {@code delete}
	 * @return a publisher of the entity
	 */
	Publisher<T> onAfterDelete(T entity);

}
