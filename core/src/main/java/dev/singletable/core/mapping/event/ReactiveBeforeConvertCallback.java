package dev.singletable.core.mapping.event;

import org.reactivestreams.Publisher;
import org.springframework.data.mapping.callback.EntityCallback;

/**
 * Reactive counterpart of {@link BeforeConvertCallback}, run by the reactive template before an entity is converted
 * into its items: the entity the returned publisher emits is written. A bean of this type is found by the reactive
 * template ({@code ReactiveSingleTableTemplate}), as Spring Data's reactive stores find theirs. The template's
 * {@code @CreatedDate}/{@code @LastModifiedDate} values stay as the template stamps them.
 *
 * @param <T> the entity type
 */
@FunctionalInterface
public interface ReactiveBeforeConvertCallback<T> extends EntityCallback<T> {

	/**
	 * Called before the entity is converted.
	 * @param entity the entity about to be written
	 * @return a publisher of the entity to write
	 */
	Publisher<T> onBeforeConvert(T entity);

}
