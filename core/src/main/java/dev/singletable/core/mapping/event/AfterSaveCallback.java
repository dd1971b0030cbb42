package dev.singletable.core.mapping.event;

import java.util.Map;

import org.springframework.data.mapping.callback.EntityCallback;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Called after an entity was written: after the request of the template's own write, and after the commit for a
 * write inside a transaction ({@code template.transaction}, {@code @Transactional}); never when the transaction
 * is cancelled or rolled back.
 * @param <T> the entity type
 */
@FunctionalInterface
public interface AfterSaveCallback<T> extends EntityCallback<T> {

	/**
	 * Called after the entity was written.
	 * @param entity the entity as stored
	 * @param item the latest item written, read-only
	 * @return the entity the template's own write returns (inside a transaction the operation has already
	 * returned, so it is only handed to the next callback)
	 */
	T onAfterSave(T entity, Map<String, AttributeValue> item);

}
