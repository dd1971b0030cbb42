package dev.singletable.core.mapping.event;

import org.springframework.data.mapping.callback.EntityCallback;

/**
 * Called before an entity is stamped and converted for a write ({@code create}, {@code update}, {@code save}, and
 * the same operations of a transaction, when the operation is added). The entity returned is the one written, so a
 * callback may change it (or return a changed copy of an immutable one). The template owns the
 * {@code @CreatedDate}/{@code @LastModifiedDate} properties it stamps: changes to them here are not kept.
 * @param <T> the entity type
 */
@FunctionalInterface
public interface BeforeConvertCallback<T> extends EntityCallback<T> {

	/**
	 * Called before the entity is converted.
	 * @param entity the entity about to be written
	 * @return the entity to write
	 */
	T onBeforeConvert(T entity);

}
