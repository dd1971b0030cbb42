package dev.singletable.core.mapping.event;

import java.util.Map;

import org.springframework.data.mapping.callback.EntityCallback;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Called once an entity is stamped (id, version, timestamps) and its latest item is built, before it is sent (or,
 * inside a transaction, before the write joins it). For checks and logging: the item is read-only, already part of
 * the conditional write, and changes to the entity are not stored (change it in a {@link BeforeConvertCallback}).
 * Throwing refuses the write: nothing is sent (inside a transaction, the operation does not join it).
 * @param <T> the entity type
 */
@FunctionalInterface
public interface BeforeSaveCallback<T> extends EntityCallback<T> {

	/**
	 * Called before the entity's item is written.
	 * @param entity the entity as it will be stored
	 * @param item the latest item about to be written ({@code v0} of a versioned type), read-only
	 * @return the entity, handed to the next callback
	 */
	T onBeforeSave(T entity, Map<String, AttributeValue> item);

}
