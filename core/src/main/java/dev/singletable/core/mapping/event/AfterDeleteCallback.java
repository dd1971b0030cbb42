package dev.singletable.core.mapping.event;

import org.springframework.data.mapping.callback.EntityCallback;

/**
 * Called after an entity was deleted with {@code delete(entity)} (repositories' {@code delete} and
 * {@code deleteAll(entities)} too): after the request, or after the commit of a surrounding transaction. Deletes by
 * id ({@code deleteById}) have no entity and do not call it.
 * @param <T> the entity type
 */
@FunctionalInterface
public interface AfterDeleteCallback<T> extends EntityCallback<T> {

	/**
	 * Called after the entity was deleted.
	 * @param entity the entity as given to {@code delete}
	 * @return the entity
	 */
	T onAfterDelete(T entity);

}
