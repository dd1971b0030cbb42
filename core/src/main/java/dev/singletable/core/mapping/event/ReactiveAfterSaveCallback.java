package dev.singletable.core.mapping.event;

import java.util.Map;

import org.reactivestreams.Publisher;
import org.springframework.data.mapping.callback.EntityCallback;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reactive counterpart of {@link AfterSaveCallback}, run by the reactive template once an entity's items are stored:
 * after the write, or, in a reactive transaction, after its commit.
 *
 * @param <T> the entity type
 */
@FunctionalInterface
public interface ReactiveAfterSaveCallback<T> extends EntityCallback<T> {

	/**
	 * Called after the entity was written.
	 * @param entity the entity as stored
	 * @param item the latest item written, read-only
	 * @return a publisher of the entity the template's own write returns (inside a transaction the operation has
	 * already returned, so it is only handed to the next callback)
	 */
	Publisher<T> onAfterSave(T entity, Map<String, AttributeValue> item);

}
