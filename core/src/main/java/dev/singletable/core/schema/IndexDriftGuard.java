package dev.singletable.core.schema;

import org.jspecify.annotations.Nullable;

/**
 * What a template's queries consult before reading an index of a type: the {@link IndexDrift} of that index, if
 * its stored items no longer match the type's definitions; and what its writes consult before storing an item of a
 * type ({@link #checkWrite}): whether another instance recorded newer definitions of it. Set on the template with
 * {@code SingleTableAccessor.setIndexDriftGuard(..)}; {@code dev.singletable.evolution.SingleTableDefinitions} is the
 * implementation the library provides (Spring Boot sets it at start-up).
 * <p>
 * Called before every query of an index and every write, so an implementation must answer from memory when there
 * is no drift.
 */
@FunctionalInterface
public interface IndexDriftGuard {

	/**
	 * Returns the drift of an index of a type.
	 * @param type the entity type the query reads
	 * @param index the index the query reads
	 * @return the drift, or {@literal null} when the index can be queried
	 */
	@Nullable IndexDrift drift(Class<?> type, String index);

	/**
	 * Called before a write stores an item of a type (a create, update, save, upsert or restore; alone, in a batch
	 * or in a transaction; blocking or reactive), before anything is sent: refuses it when the type's definitions on
	 * this instance are older than those recorded in the table, or logs it. Does nothing by default.
	 * @param type the entity type written
	 * @throws StaleDefinitionsException when the write is refused
	 */
	default void checkWrite(Class<?> type) {
	}

}
