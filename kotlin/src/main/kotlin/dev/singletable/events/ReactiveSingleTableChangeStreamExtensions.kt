package dev.singletable.events

import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.buffer
import kotlinx.coroutines.reactive.asFlow

/**
 * Returns the changes of the entity type [T] as a [Flow] ([ReactiveSingleTableChangeStream.changes]): each
 * collection receives the changes delivered while it lasts, in order per resource, and completes when the change
 * stream stops.
 *
 * ```
 * changeStream.changes<Order>()
 *     .filter { it.type == ResourceChange.Type.CREATED }
 *     .collect { change -> notify(change.newState) }
 * ```
 * The stream is read one change at a time: the next is asked for once the collector has taken the one before (add
 * [buffer][kotlinx.coroutines.flow.buffer] to read ahead). A change counts as delivered once the flow received it; a
 * collector that must not lose one to a failover should be a listener instead (a `@ResourceChangeListener` method,
 * which may be a `suspend` function), whose failures are retried and dead-lettered.
 */
public inline fun <reified T : Any> ReactiveSingleTableChangeStream.changes(): Flow<ResourceChange<T>> =
	changes(T::class.java).asFlow().buffer(Channel.RENDEZVOUS)
