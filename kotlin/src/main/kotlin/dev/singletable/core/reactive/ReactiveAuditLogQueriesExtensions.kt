package dev.singletable.core.reactive

import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.reactive.asFlow
import kotlinx.coroutines.reactor.awaitSingle
import kotlinx.coroutines.reactor.awaitSingleOrNull

import dev.singletable.core.audit.AuditEntry
import dev.singletable.core.query.QueryPage

/**
 * Reads one audit log entry by id ([ReactiveAuditLogQueries.findById]).
 * @return the entry, or `null` when there is none
 */
public suspend fun ReactiveAuditLogQueries.awaitFindById(id: String): AuditEntry? = findById(id).awaitSingleOrNull()

/** Reads every matching entry as a [Flow], a page at a time as the collector asks ([ReactiveAuditLogQueries.Query.all]). */
public fun ReactiveAuditLogQueries.Query.flow(): Flow<AuditEntry> = all().asFlow()

/**
 * Reads one page of entries ([ReactiveAuditLogQueries.Query.page]).
 * @param cursor the next cursor of the previous page (of either API), or `null` for the first
 */
public suspend fun ReactiveAuditLogQueries.Query.awaitPage(cursor: String? = null): QueryPage<AuditEntry> =
	page(cursor).awaitSingle()
