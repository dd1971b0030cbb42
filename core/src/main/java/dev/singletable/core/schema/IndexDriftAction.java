package dev.singletable.core.schema;

/**
 * What a template does with a query on an index whose stored items no longer match the type's definitions (an
 * {@link IndexDrift}).
 */
public enum IndexDriftAction {

	/** Refuse the query with an {@link IndexDriftException} naming the index and the fix (the default). */
	REFUSE,

	/** Log a warning naming the index and the fix, and run the query: it may miss items written before the change. */
	WARN

}
