package dev.singletable.core;

import java.util.List;

import org.springframework.dao.DataIntegrityViolationException;

/**
 * Thrown when an entity would be written with the partition key of a secondary index but without its sort key:
 * the partition template has properties and renders, the sort template does not (a property of it is
 * {@literal null} or renders empty). DynamoDB leaves such an item out of the index, so every query of that partition
 * would silently miss it; the Python library refuses the same item too (its {@code gsi_config} pair writes a
 * {@code None} sort key, which DynamoDB rejects). Nothing was written.
 * <p>
 * An index is sparse on purpose when its partition template is a literal
 * ({@code partition = "assigned", sort = "{assignee}"}), when a partition property is {@literal null}, or when it
 * says so ({@link dev.singletable.core.mapping.IndexKey#allowMissingSort()}): those items are left out without an
 * error.
 */
public class IncompleteIndexKeyException extends DataIntegrityViolationException {

	private final Class<?> entityType;

	private final String id;

	private final String index;

	private final List<String> properties;

	/**
	 * Creates a new exception.
	 * @param entityType the entity type
	 * @param id the resource id
	 * @param index the index whose sort key has no value
	 * @param properties the sort template's properties without a value
	 */
	public IncompleteIndexKeyException(Class<?> entityType, String id, String index, List<String> properties) {
		super(entityType.getSimpleName() + " '" + id + "' has no value for " + properties
				+ ", the sort key of index '" + index + "', but a value for its partition key: DynamoDB would leave it "
				+ "out of that index and queries of its partition would silently miss it. Nothing was written. Give "
				+ properties + " a value (never null or empty), declare the index on properties every item has, or, to "
				+ "leave such items out of the index on purpose, @IndexKey(allowMissingSort = true).");
		this.entityType = entityType;
		this.id = id;
		this.index = index;
		this.properties = List.copyOf(properties);
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
	 * Returns the index whose sort key has no value.
	 * @return the index name
	 */
	public String getIndex() {
		return this.index;
	}

	/**
	 * Returns the properties of the sort template that have no value.
	 * @return the property names
	 */
	public List<String> getProperties() {
		return this.properties;
	}

}
