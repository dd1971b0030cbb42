package dev.singletable.core;

import org.springframework.dao.DataIntegrityViolationException;

/**
 * Thrown before a write whose item would exceed DynamoDB's 400 KB item limit. Nothing was written; enable
 * compression for the type or store less in it.
 */
public class ItemTooLargeException extends DataIntegrityViolationException {

	/** DynamoDB's maximum item size in bytes. */
	public static final int MAX_ITEM_BYTES = 400 * 1024;

	private final Class<?> entityType;

	private final String id;

	private final long size;

	/**
	 * Creates a new exception.
	 * @param entityType the entity type
	 * @param id the resource id
	 * @param size the item size in bytes
	 */
	public ItemTooLargeException(Class<?> entityType, String id, long size) {
		super(entityType.getSimpleName() + " '" + id + "' would be stored as an item of " + size + " bytes, over "
				+ "DynamoDB's limit of " + MAX_ITEM_BYTES + " bytes; nothing was written. Enable compression for "
				+ entityType.getSimpleName() + " or keep large content out of the entity.");
		this.entityType = entityType;
		this.id = id;
		this.size = size;
	}

	/**
	 * Returns the entity type.
	 * @return the entity type
	 */
	public Class<?> getEntityType() {
		return this.entityType;
	}

	/**
	 * Returns the resource id.
	 * @return the id
	 */
	public String getId() {
		return this.id;
	}

	/**
	 * Returns the item size in bytes.
	 * @return the size
	 */
	public long getSize() {
		return this.size;
	}

}
