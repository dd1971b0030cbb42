package dev.singletable.core.convert;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.internal.format.StorageTimestamps;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Converts entities to the attributes that hold their state (the body of an item) and items back to
 * entities.
 */
public interface SingleTableConverter {

	/**
	 * Returns the mapping context describing the entity types.
	 * @return the mapping context
	 */
	SingleTableMappingContext getMappingContext();

	/**
	 * Returns the metadata of an entity type.
	 * @param type the entity type
	 * @param <T> the entity type
	 * @return the metadata
	 * @throws dev.singletable.core.mapping.InvalidEntityDefinitionException when the type cannot be stored
	 */
	<T> SingleTablePersistentEntity<T> getRequiredEntity(Class<T> type);

	/**
	 * Writes the state of an entity: a gzip-compressed JSON {@code data} attribute for compressed types, or one
	 * attribute per property. System properties carry their stored names.
	 * @param entity the entity, with its system properties already set
	 * @param createdAt the creation time to store when the type has no {@code @CreatedDate} property, or
	 * {@literal null} to store none
	 * @param updatedAt the modification time to store when the type has no {@code @LastModifiedDate} property
	 * @return the body attributes
	 */
	Map<String, AttributeValue> writeBody(Object entity, @Nullable Instant createdAt, Instant updatedAt);

	/**
	 * Returns the body of a history item ({@code vN}) of a versioned type from the body written to its latest copy
	 * ({@code v0}): the same attributes, less those the layout keeps on the latest copy only (a {@code metadata}
	 * attribute or index attributes kept by an {@link dev.singletable.core.mapping.UnmappedAttributes} property).
	 * @param type the entity type
	 * @param body the body of the latest copy, as {@link #writeBody} returned it
	 * @return the body of the history item
	 */
	default Map<String, AttributeValue> historyBody(Class<?> type, Map<String, AttributeValue> body) {
		return body;
	}

	/**
	 * Reads an item into an entity of the given type.
	 * @param type the entity type
	 * @param item the item attributes
	 * @param <T> the entity type
	 * @return the entity
	 */
	<T> T read(Class<T> type, Map<String, AttributeValue> item);

	/**
	 * Whether an item is one the given type reads: always outside hierarchies and for a hierarchy's root; for a
	 * concrete type of a hierarchy, whether the item's discriminator names it. Reading an item that is not (with
	 * {@link #read}) fails.
	 * @param type the entity type
	 * @param item the item attributes
	 * @return {@literal true} when {@link #read} returns the item as that type
	 */
	default boolean isInstance(Class<?> type, Map<String, AttributeValue> item) {
		return true;
	}

	/**
	 * Reads the creation time an item stores, wherever the layout keeps it: the top-level {@code created_at}
	 * attribute of an uncompressed item, or the {@code created_at} field of the JSON compressed in {@code data}.
	 * It is read whether or not the entity type maps it, since every item the Python library writes has one.
	 * @param item the item attributes
	 * @return the creation time, or {@literal null} when the item stores none
	 */
	default @Nullable Instant readCreatedAt(Map<String, AttributeValue> item) {
		return readTimestamps(item).get(ItemAttributes.CREATED_AT);
	}

	/**
	 * Reads the JSON an item of a compressed type holds in its {@code data} attribute (gzip, as the Python library
	 * writes it) into a tree, by stored names.
	 * @param data the attribute's bytes
	 * @return the tree
	 * @throws org.springframework.dao.DataRetrievalFailureException when the bytes are not gzip JSON
	 */
	default JsonNode readData(byte[] data) {
		return Gzip.decompress(data, (content, offset, length) -> getJsonMapper().readTree(content, offset, length));
	}

	/**
	 * Reads the timestamps an item stores ({@code created_at}, {@code updated_at}), wherever the layout keeps them:
	 * top-level attributes of an uncompressed item, fields of the JSON compressed in {@code data} (decompressed
	 * once, only when a timestamp is not at the top level).
	 * @param item the item attributes
	 * @return the timestamps found, by stored name
	 */
	default Map<String, Instant> readTimestamps(Map<String, AttributeValue> item) {
		Map<String, Instant> timestamps = new java.util.HashMap<>(2);
		boolean missing = false;
		for (String name : new String[] { ItemAttributes.CREATED_AT, ItemAttributes.UPDATED_AT }) {
			AttributeValue value = item.get(name);
			if (value != null && value.s() != null) {
				timestamps.put(name, StorageTimestamps.parseInstant(value.s()));
			}
			missing |= (value == null);
		}
		AttributeValue data = item.get(ItemAttributes.DATA);
		if (missing && data != null && data.b() != null) {
			JsonNode json = readData(data.b().asByteArrayUnsafe());
			for (String name : new String[] { ItemAttributes.CREATED_AT, ItemAttributes.UPDATED_AT }) {
				JsonNode field = json.get(name);
				if (!item.containsKey(name) && field != null && field.isString()) {
					timestamps.put(name, StorageTimestamps.parseInstant(field.stringValue()));
				}
			}
		}
		return timestamps;
	}

	/**
	 * Converts a single value (a property value, a filter operand) to an attribute value the same way entity
	 * properties are stored.
	 * @param value the value, may be {@literal null}
	 * @return the attribute value
	 */
	AttributeValue writeValue(@Nullable Object value);

	/**
	 * Returns the name under which a property is stored, taking the system names and the naming strategy
	 * into account.
	 * @param property the property
	 * @return the stored name
	 */
	String getStoredName(SingleTablePersistentProperty property);

	/**
	 * Returns the storage JSON mapper.
	 * @return the mapper
	 */
	JsonMapper getJsonMapper();

}
