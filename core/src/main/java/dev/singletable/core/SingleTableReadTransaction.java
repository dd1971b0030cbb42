package dev.singletable.core;

/**
 * The reads of one transactional read ({@code TransactGetItems}), as collected by
 * {@link SingleTableOperations#readTransaction(java.util.function.Consumer)}: the latest state of each resource
 * named, read together as one consistent snapshot — no transaction writing any of them is seen half applied.
 */
public interface SingleTableReadTransaction {

	/**
	 * Adds a resource to the snapshot (reading the same resource twice reads it once).
	 * @param type the entity type
	 * @param id the id
	 */
	void get(Class<?> type, String id);

}
