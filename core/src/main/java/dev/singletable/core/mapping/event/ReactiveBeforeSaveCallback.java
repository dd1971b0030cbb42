package dev.singletable.core.mapping.event;

import java.util.Map;

import org.reactivestreams.Publisher;
import org.springframework.data.mapping.callback.EntityCallback;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reactive counterpart of {@link BeforeSaveCallback}, run by the reactive template after an entity was converted and
 * before its items are sent (or collected in a reactive transaction); the write waits for the returned publisher.
 *
 * @param <T> the entity type
 */
@FunctionalInterface
public interface ReactiveBeforeSaveCallback<T> extends EntityCallback<T> {

	/**
	 * Called before the entity's item is written.
	 * @param entity the entity as it will be stored
	 * @param item the latest item about to be written ({@code v0} of a versioned type), read-only
	 * @return a publisher of the entity, handed to the next callback
	 */
	Publisher<T> onBeforeSave(T entity, Map<String, AttributeValue> item);

}
