package dev.singletable.core.query

/**
 * Reads the first result ([SingleTableQuery.first]).
 * @return the first result, or `null` when there is none
 */
public fun <T : Any> SingleTableQuery<T>.firstOrNull(): T? = first().orElse(null)
