package dev.singletable.core.mapping.event;

import java.util.Map;

import org.springframework.data.mapping.callback.EntityCallback;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Called after an item was read into an entity: by id, versions, batches, queries and streams (repository queries
 * included), and snapshots of {@code readTransaction}. What the callback returns is what the read returns.
 * @param <T> the entity type
 */
@FunctionalInterface
public interface AfterConvertCallback<T> extends EntityCallback<T> {

	/**
	 * Called after the entity was read.
	 * @param entity the entity read
	 * @param item the item it was read from (for a query selecting properties, only those attributes), read-only
	 * @return the entity the read returns
	 */
	T onAfterConvert(T entity, Map<String, AttributeValue> item);

}
