package dev.singletable.core.schema;

import org.jspecify.annotations.Nullable;

/**
 * What a template's queries consult before reading an index of a type: the {@link IndexDrift} of that index, if
 * its stored items no longer match the type's definitions. Set on the template with
 * {@code SingleTableAccessor.setIndexDriftGuard(..)}; {@code dev.singletable.evolution.SingleTableDefinitions} is the
 * implementation the library provides (Spring Boot sets it at start-up).
 * <p>
 * Called before every query of an index, so an implementation must answer from memory when there is no drift.
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

}
