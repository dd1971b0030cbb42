package dev.singletable.core.reactive

import kotlin.reflect.KProperty1

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.reactive.asFlow
import kotlinx.coroutines.reactor.awaitSingle
import kotlinx.coroutines.reactor.awaitSingleOrNull
import kotlinx.coroutines.reactor.mono
import reactor.core.publisher.Flux
import reactor.core.publisher.Mono

import dev.singletable.core.Changes
import dev.singletable.core.ChangesDsl
import dev.singletable.core.SingleTableReadTransaction
import dev.singletable.core.SingleTableSnapshot
import dev.singletable.core.VersionSummary
import dev.singletable.core.changesOf
import dev.singletable.core.query.SingleTableQueryDsl
import dev.singletable.core.query.applying

// Reified type parameters: the operations that take a Class, with the type as a type argument.

/** Reads the latest copy of a resource of type [T] ([ReactiveSingleTableOperations.findById]); empty when none. */
public inline fun <reified T : Any> ReactiveSingleTableOperations.findById(id: String): Mono<T> =
	findById(T::class.java, id)

/** Reads the latest copy of a resource of type [T] that must exist ([ReactiveSingleTableOperations.getById]). */
public inline fun <reified T : Any> ReactiveSingleTableOperations.getById(id: String): Mono<T> =
	getById(T::class.java, id)

/** Reads one stored version of a resource of type [T] ([ReactiveSingleTableOperations.findVersion]). */
public inline fun <reified T : Any> ReactiveSingleTableOperations.findVersion(id: String, version: Long): Mono<T> =
	findVersion(T::class.java, id, version)

/** Reads every stored version of a resource of type [T], newest first ([ReactiveSingleTableOperations.findAllVersions]). */
public inline fun <reified T : Any> ReactiveSingleTableOperations.findAllVersions(id: String): Flux<T> =
	findAllVersions(T::class.java, id)

/** Writes a stored version of a resource of type [T] again as its next version ([ReactiveSingleTableOperations.restoreVersion]). */
public inline fun <reified T : Any> ReactiveSingleTableOperations.restoreVersion(id: String, version: Long): Mono<T> =
	restoreVersion(T::class.java, id, version)

/** Deletes every stored item of a resource of type [T] ([ReactiveSingleTableOperations.deleteById]). */
public inline fun <reified T : Any> ReactiveSingleTableOperations.deleteById(id: String): Mono<Boolean> =
	deleteById(T::class.java, id)

/** Lists the stored versions of a resource of type [T] ([ReactiveSingleTableOperations.findVersionSummaries]). */
public inline fun <reified T : Any> ReactiveSingleTableOperations.findVersionSummaries(id: String): Flux<VersionSummary> =
	findVersionSummaries(T::class.java, id)

/** Reads the one resource of the singleton type [T] ([ReactiveSingleTableOperations.findSingleton]). */
public inline fun <reified T : Any> ReactiveSingleTableOperations.findSingleton(): Mono<T> =
	findSingleton(T::class.java)

/** Deletes one version of a resource of type [T] ([ReactiveSingleTableOperations.deleteVersion]). */
public inline fun <reified T : Any> ReactiveSingleTableOperations.deleteVersion(id: String, version: Long): Mono<Boolean> =
	deleteVersion(T::class.java, id, version)

/** Reads the latest state of many resources of type [T] ([ReactiveSingleTableOperations.findAllById]). */
public inline fun <reified T : Any> ReactiveSingleTableOperations.findAllById(ids: Collection<String>): Flux<T> =
	findAllById(T::class.java, ids)

/** Deletes many plain resources of type [T] ([ReactiveSingleTableOperations.deleteAllById]). */
public inline fun <reified T : Any> ReactiveSingleTableOperations.deleteAllById(ids: Collection<String>): Mono<Void> =
	deleteAllById(T::class.java, ids)

/** Atomically adds to a number property of a resource of type [T] ([ReactiveSingleTableOperations.increment]). */
public inline fun <reified T : Any> ReactiveSingleTableOperations.increment(id: String, property: String,
		delta: Long): Mono<Long> = increment(T::class.java, id, property, delta)

/** Atomically adds to a number property ([ReactiveSingleTableOperations.increment]). */
public inline fun <reified T : Any> ReactiveSingleTableOperations.increment(id: String,
		property: KProperty1<T, Number?>, delta: Long): Mono<Long> = increment(T::class.java, id, property.name, delta)

/** Atomically adds strings to a `Set<String>` property of type [T] ([ReactiveSingleTableOperations.addToSet]). */
public inline fun <reified T : Any> ReactiveSingleTableOperations.addToSet(id: String, property: String,
		vararg values: String): Mono<Void> = addToSet(T::class.java, id, property, *values)

/** Atomically adds strings to a `Set<String>` property ([ReactiveSingleTableOperations.addToSet]). */
public inline fun <reified T : Any> ReactiveSingleTableOperations.addToSet(id: String,
		property: KProperty1<T, Set<String>?>, vararg values: String): Mono<Void> =
	addToSet(T::class.java, id, property.name, *values)

/** Atomically removes strings from a `Set<String>` property of type [T] ([ReactiveSingleTableOperations.removeFromSet]). */
public inline fun <reified T : Any> ReactiveSingleTableOperations.removeFromSet(id: String, property: String,
		vararg values: String): Mono<Void> = removeFromSet(T::class.java, id, property, *values)

/** Atomically removes strings from a `Set<String>` property ([ReactiveSingleTableOperations.removeFromSet]). */
public inline fun <reified T : Any> ReactiveSingleTableOperations.removeFromSet(id: String,
		property: KProperty1<T, Set<String>?>, vararg values: String): Mono<Void> =
	removeFromSet(T::class.java, id, property.name, *values)

/** Atomically appends values to a list property of type [T] ([ReactiveSingleTableOperations.appendToList]). */
public inline fun <reified T : Any> ReactiveSingleTableOperations.appendToList(id: String, property: String,
		vararg values: Any): Mono<Void> = appendToList(T::class.java, id, property, *values)

/** Atomically appends values to a list property ([ReactiveSingleTableOperations.appendToList]). */
public inline fun <reified T : Any> ReactiveSingleTableOperations.appendToList(id: String,
		property: KProperty1<T, List<*>?>, vararg values: Any): Mono<Void> =
	appendToList(T::class.java, id, property.name, *values)

/** Starts a query of the type [T] ([ReactiveSingleTableOperations.query]). */
public inline fun <reified T : Any> ReactiveSingleTableOperations.query(): ReactiveSingleTableQuery<T> =
	query(T::class.java)

/**
 * Starts a query of the type [T] built by [block] (see [SingleTableQueryDsl]):
 * `template.query<Task> { index("gsi3"); Task::assignee eq "ann" }.flow()`.
 * @throws IllegalArgumentException when a key condition is not one the index's keys can read (before anything is
 * read)
 */
public inline fun <reified T : Any> ReactiveSingleTableOperations.query(
	noinline block: SingleTableQueryDsl<T>.() -> Unit): ReactiveSingleTableQuery<T> =
	query(T::class.java).applying(converter.getRequiredEntity(T::class.java), block)

/**
 * Applies the changes of [block] to an entity as read and updates it ([ReactiveSingleTableOperations.update] with
 * [Changes]).
 */
public fun <T : Any> ReactiveSingleTableOperations.update(entity: T, block: ChangesDsl<T>.() -> Unit): Mono<T> =
	update(entity, changesOf(block))

// Suspend bridges: each operation awaited, with the same exceptions thrown.

/**
 * Creates a resource ([ReactiveSingleTableOperations.create]).
 * @return the entity as stored
 * @throws dev.singletable.core.DuplicateResourceException when the resource exists
 */
public suspend fun <T : Any> ReactiveSingleTableOperations.awaitCreate(entity: T): T = create(entity).awaitSingle()

/**
 * Updates a resource as read ([ReactiveSingleTableOperations.update]).
 * @return the entity as stored
 * @throws dev.singletable.core.VersionConflictException when another write came first
 */
public suspend fun <T : Any> ReactiveSingleTableOperations.awaitUpdate(entity: T): T = update(entity).awaitSingle()

/** Applies changes to an entity as read and updates it ([ReactiveSingleTableOperations.update] with [Changes]). */
public suspend fun <T : Any> ReactiveSingleTableOperations.awaitUpdate(entity: T, changes: Changes): T =
	update(entity, changes).awaitSingle()

/** Applies the changes of [block] to an entity as read and updates it: `awaitUpdate(task) { clear(Task::due) }`. */
public suspend fun <T : Any> ReactiveSingleTableOperations.awaitUpdate(entity: T,
		block: ChangesDsl<T>.() -> Unit): T = update(entity, changesOf(block)).awaitSingle()

/** Creates or updates an entity ([ReactiveSingleTableOperations.save]). */
public suspend fun <T : Any> ReactiveSingleTableOperations.awaitSave(entity: T): T = save(entity).awaitSingle()

/**
 * Reads the latest copy of a resource of type [T] ([ReactiveSingleTableOperations.findById]).
 * @return the entity, or `null` when none is stored
 */
public suspend inline fun <reified T : Any> ReactiveSingleTableOperations.awaitFindById(id: String): T? =
	findById(T::class.java, id).awaitSingleOrNull()

/**
 * Reads the latest copy of a resource of type [T] that must exist ([ReactiveSingleTableOperations.getById]).
 * @throws dev.singletable.core.NoSuchResourceException when none is stored
 */
public suspend inline fun <reified T : Any> ReactiveSingleTableOperations.awaitGetById(id: String): T =
	getById(T::class.java, id).awaitSingle()

/**
 * Reads one stored version of a resource of type [T] ([ReactiveSingleTableOperations.findVersion]).
 * @return that version, or `null` when it is not stored
 */
public suspend inline fun <reified T : Any> ReactiveSingleTableOperations.awaitFindVersion(id: String,
		version: Long): T? = findVersion(T::class.java, id, version).awaitSingleOrNull()

/** Reads every stored version of a resource of type [T], newest first, as a [Flow] (its history). */
public inline fun <reified T : Any> ReactiveSingleTableOperations.findAllVersionsAsFlow(id: String): Flow<T> =
	findAllVersions(T::class.java, id).asFlow()

/** Lists the stored versions of a resource of type [T], newest first, with their timestamps, as a [Flow]. */
public inline fun <reified T : Any> ReactiveSingleTableOperations.findVersionSummariesAsFlow(
	id: String): Flow<VersionSummary> = findVersionSummaries(T::class.java, id).asFlow()

/** Writes a stored version of a resource of type [T] again as its next version ([ReactiveSingleTableOperations.restoreVersion]). */
public suspend inline fun <reified T : Any> ReactiveSingleTableOperations.awaitRestoreVersion(id: String,
		version: Long): T = restoreVersion(T::class.java, id, version).awaitSingle()

/**
 * Deletes every stored item of a resource of type [T] ([ReactiveSingleTableOperations.deleteById]).
 * @return whether anything was stored
 */
public suspend inline fun <reified T : Any> ReactiveSingleTableOperations.awaitDeleteById(id: String): Boolean =
	deleteById(T::class.java, id).awaitSingle()

/**
 * Deletes a resource as read ([ReactiveSingleTableOperations.delete]).
 * @throws dev.singletable.core.VersionConflictException when it changed since
 */
public suspend fun ReactiveSingleTableOperations.awaitDelete(entity: Any) {
	delete(entity).awaitSingleOrNull()
}

/** Deletes a resource as read that must still exist ([ReactiveSingleTableOperations.deleteExisting]). */
public suspend fun ReactiveSingleTableOperations.awaitDeleteExisting(entity: Any) {
	deleteExisting(entity).awaitSingleOrNull()
}

/**
 * Reads the one resource of the singleton type [T] ([ReactiveSingleTableOperations.findSingleton]).
 * @return the resource, or `null` when it was not created yet
 */
public suspend inline fun <reified T : Any> ReactiveSingleTableOperations.awaitFindSingleton(): T? =
	findSingleton(T::class.java).awaitSingleOrNull()

/**
 * Deletes one version of a resource of type [T] ([ReactiveSingleTableOperations.deleteVersion]).
 * @return whether that version existed
 */
public suspend inline fun <reified T : Any> ReactiveSingleTableOperations.awaitDeleteVersion(id: String,
		version: Long): Boolean = deleteVersion(T::class.java, id, version).awaitSingle()

/** Reads the latest state of many resources of type [T], in the order of the ids, as a [Flow]. */
public inline fun <reified T : Any> ReactiveSingleTableOperations.findAllByIdAsFlow(
	ids: Collection<String>): Flow<T> = findAllById(T::class.java, ids).asFlow()

/**
 * Writes many plain resources without condition ([ReactiveSingleTableOperations.putAll]).
 * @return the entities as stored, in order
 */
public suspend fun <T : Any> ReactiveSingleTableOperations.awaitPutAll(entities: Collection<T>): List<T> =
	putAll(entities).collectList().awaitSingle()

/** Deletes many plain resources of type [T] ([ReactiveSingleTableOperations.deleteAllById]). */
public suspend inline fun <reified T : Any> ReactiveSingleTableOperations.awaitDeleteAllById(ids: Collection<String>) {
	deleteAllById(T::class.java, ids).awaitSingleOrNull()
}

/**
 * Atomically adds to a number property (or `property.key`) of a resource of type [T]
 * ([ReactiveSingleTableOperations.increment]).
 * @return the value read right after the increment
 */
public suspend inline fun <reified T : Any> ReactiveSingleTableOperations.awaitIncrement(id: String,
		property: String, delta: Long): Long = increment(T::class.java, id, property, delta).awaitSingle()

/**
 * Atomically adds to a number property ([ReactiveSingleTableOperations.increment]):
 * `template.awaitIncrement(id, Counter::hits, 1)`.
 * @return the value read right after the increment
 */
public suspend inline fun <reified T : Any> ReactiveSingleTableOperations.awaitIncrement(id: String,
		property: KProperty1<T, Number?>, delta: Long): Long =
	increment(T::class.java, id, property.name, delta).awaitSingle()

/** Atomically adds strings to a `Set<String>` property of type [T] ([ReactiveSingleTableOperations.addToSet]). */
public suspend inline fun <reified T : Any> ReactiveSingleTableOperations.awaitAddToSet(id: String, property: String,
		vararg values: String) {
	addToSet(T::class.java, id, property, *values).awaitSingleOrNull()
}

/** Atomically adds strings to a `Set<String>` property ([ReactiveSingleTableOperations.addToSet]). */
public suspend inline fun <reified T : Any> ReactiveSingleTableOperations.awaitAddToSet(id: String,
		property: KProperty1<T, Set<String>?>, vararg values: String) {
	addToSet(T::class.java, id, property.name, *values).awaitSingleOrNull()
}

/** Atomically removes strings from a `Set<String>` property of type [T] ([ReactiveSingleTableOperations.removeFromSet]). */
public suspend inline fun <reified T : Any> ReactiveSingleTableOperations.awaitRemoveFromSet(id: String,
		property: String, vararg values: String) {
	removeFromSet(T::class.java, id, property, *values).awaitSingleOrNull()
}

/** Atomically removes strings from a `Set<String>` property ([ReactiveSingleTableOperations.removeFromSet]). */
public suspend inline fun <reified T : Any> ReactiveSingleTableOperations.awaitRemoveFromSet(id: String,
		property: KProperty1<T, Set<String>?>, vararg values: String) {
	removeFromSet(T::class.java, id, property.name, *values).awaitSingleOrNull()
}

/** Atomically appends values to a list property of type [T] ([ReactiveSingleTableOperations.appendToList]). */
public suspend inline fun <reified T : Any> ReactiveSingleTableOperations.awaitAppendToList(id: String,
		property: String, vararg values: Any) {
	appendToList(T::class.java, id, property, *values).awaitSingleOrNull()
}

/** Atomically appends values to a list property ([ReactiveSingleTableOperations.appendToList]). */
public suspend inline fun <reified T : Any> ReactiveSingleTableOperations.awaitAppendToList(id: String,
		property: KProperty1<T, List<*>?>, vararg values: Any) {
	appendToList(T::class.java, id, property.name, *values).awaitSingleOrNull()
}

/** Reads the per-type counts of the `MemoryStats` row ([ReactiveSingleTableOperations.countsByType]). */
public suspend fun ReactiveSingleTableOperations.awaitCountsByType(): Map<String, Long> =
	countsByType().awaitSingle()

/**
 * Reads several resources as one consistent snapshot ([ReactiveSingleTableOperations.readTransaction]):
 * `val snapshot = template.awaitReadTransaction { it.get<Order>("o1"); it.get<Customer>("c1") }`.
 */
public suspend fun ReactiveSingleTableOperations.awaitReadTransaction(
	reads: (SingleTableReadTransaction) -> Unit): SingleTableSnapshot = readTransaction(reads).awaitSingle()

/**
 * Loads the value of one blob property of an entity as read ([ReactiveSingleTableOperations.loadBlob]).
 * @return the value, or `null` when the entity's version has none
 */
public suspend fun <V : Any> ReactiveSingleTableOperations.awaitLoadBlob(entity: Any, property: String): V? =
	loadBlob<V>(entity, property).awaitSingleOrNull()

/** Loads every blob property of an entity as read ([ReactiveSingleTableOperations.loadBlobs]). */
public suspend fun <T : Any> ReactiveSingleTableOperations.awaitLoadBlobs(entity: T): T =
	loadBlobs(entity).awaitSingle()

/**
 * Runs the suspending [work] as one all-or-nothing transaction ([ReactiveSingleTableOperations.inTransaction]): the
 * writes it makes through the template (suspending bridges included) and through the
 * [CoroutineSingleTableTransaction] it is given, whose writes are suspend functions, are collected while it runs and
 * sent as one `TransactWriteItems` when it returns; nothing is sent when it throws, nor when a `Mono` of the
 * transaction's [CoroutineSingleTableTransaction.reactive] handle was never subscribed
 * ([dev.singletable.core.UnsubscribedWriteException]).
 *
 * ```
 * val order = template.awaitTransaction { tx ->
 *     tx.requireExists<Customer>(customerId)
 *     tx.create(Order(null, null, customerId))
 * }
 * ```
 * [work] runs in a coroutine of the caller's context (its dispatcher and elements, such as a surrounding Spring
 * transaction's Reactor context, which the transaction then joins).
 * @return what [work] returned, once the transaction is stored (entities as they were stored)
 * @throws dev.singletable.core.TransactionCancelledException when DynamoDB cancels the transaction; nothing was
 * written then
 */
public suspend fun <R> ReactiveSingleTableOperations.awaitTransaction(
		work: suspend CoroutineScope.(CoroutineSingleTableTransaction) -> R): R {
	val context = currentCoroutineContext().minusKey(Job)
	@Suppress("UNCHECKED_CAST")
	// the work's null is the transaction's empty Mono, and null again here
	return inTransaction<Any> { transaction ->
		mono<Any>(context) { work(CoroutineSingleTableTransaction(transaction)) }
	}.awaitSingleOrNull() as R
}
