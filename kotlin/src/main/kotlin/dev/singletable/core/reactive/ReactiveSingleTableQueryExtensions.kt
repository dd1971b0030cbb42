package dev.singletable.core.reactive

import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.reactive.asFlow
import kotlinx.coroutines.reactor.awaitSingle
import kotlinx.coroutines.reactor.awaitSingleOrNull

import dev.singletable.core.query.ItemCollection
import dev.singletable.core.query.QueryPage

/**
 * Reads every result as a [Flow] ([ReactiveSingleTableQuery.all]): pages are read as the collector asks for results,
 * and reading stops when it stops collecting.
 */
public fun <T : Any> ReactiveSingleTableQuery<T>.flow(): Flow<T> = all().asFlow()

/**
 * Reads the page after [cursor] ([ReactiveSingleTableQuery.page]).
 * @param cursor a next cursor of the same query (of either API), or `null` for the first page
 * @throws dev.singletable.core.query.InvalidCursorException when the cursor does not belong to this query
 */
public suspend fun <T : Any> ReactiveSingleTableQuery<T>.awaitPage(cursor: String? = null): QueryPage<T> =
	page(cursor).awaitSingle()

/**
 * Reads the page before [cursor] ([ReactiveSingleTableQuery.pageBefore]).
 * @param cursor a cursor of the same query, or `null` for the last page
 */
public suspend fun <T : Any> ReactiveSingleTableQuery<T>.awaitPageBefore(cursor: String? = null): QueryPage<T> =
	pageBefore(cursor).awaitSingle()

/**
 * Reads the page after [cursor] grouped by the query's types ([ReactiveSingleTableQuery.collection]).
 * @param cursor a next cursor of the same query, or `null` for the first page
 */
public suspend fun ReactiveSingleTableQuery<*>.awaitCollection(cursor: String? = null): ItemCollection =
	collection(cursor).awaitSingle()

/** Counts the results ([ReactiveSingleTableQuery.count]). */
public suspend fun ReactiveSingleTableQuery<*>.awaitCount(): Long = count().awaitSingle()

/**
 * Reads the first result ([ReactiveSingleTableQuery.first]).
 * @return the first result, or `null` when there is none
 */
public suspend fun <T : Any> ReactiveSingleTableQuery<T>.awaitFirstOrNull(): T? = first().awaitSingleOrNull()
