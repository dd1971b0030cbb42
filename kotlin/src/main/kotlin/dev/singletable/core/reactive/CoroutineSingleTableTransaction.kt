package dev.singletable.core.reactive

import kotlin.reflect.KProperty1

import kotlinx.coroutines.reactor.awaitSingle
import kotlinx.coroutines.reactor.awaitSingleOrNull

import dev.singletable.core.Changes
import dev.singletable.core.ChangesDsl
import dev.singletable.core.changesOf

/**
 * The operations of a transaction run by [awaitTransaction], as suspend functions: each call is the write itself,
 * added to the transaction when it returns, as the body of `TransactionalOperator.executeAndAwait` writes. A
 * forgotten `await` cannot compile into a write that never happens:
 *
 * ```
 * template.awaitTransaction { tx ->
 *     tx.requireExists<Customer>(customerId)
 *     tx.create(Order(null, null, customerId))
 * }
 * ```
 * The `Mono` operations of the Java handle are [reactive]; a `Mono` of it that is never subscribed before the block
 * returns fails the transaction with [dev.singletable.core.UnsubscribedWriteException], and nothing is written.
 * @property reactive the transaction's `Mono` operations ([ReactiveSingleTableTransaction])
 */
public class CoroutineSingleTableTransaction internal constructor(public val reactive: ReactiveSingleTableTransaction) {

	/** Adds the create of a resource ([ReactiveSingleTableTransaction.create]); returns it as it will be stored. */
	public suspend fun <T : Any> create(entity: T): T = reactive.create(entity).awaitSingle()

	/** Adds the update of a resource as read ([ReactiveSingleTableTransaction.update]). */
	public suspend fun <T : Any> update(entity: T): T = reactive.update(entity).awaitSingle()

	/** Adds an update with changes ([ReactiveSingleTableTransaction.update] with [Changes]). */
	public suspend fun <T : Any> update(entity: T, changes: Changes): T = reactive.update(entity, changes).awaitSingle()

	/** Adds an update with the changes of [block]: `tx.update(task) { set(Task::title, "x") }`. */
	public suspend fun <T : Any> update(entity: T, block: ChangesDsl<T>.() -> Unit): T =
		reactive.update(entity, changesOf(block)).awaitSingle()

	/** Adds the save of an entity ([ReactiveSingleTableTransaction.save]). */
	public suspend fun <T : Any> save(entity: T): T = reactive.save(entity).awaitSingle()

	/** Adds the restore of an earlier version of a resource of type [T] ([ReactiveSingleTableTransaction.restoreVersion]). */
	public suspend inline fun <reified T : Any> restoreVersion(id: String, version: Long): T =
		reactive.restoreVersion(T::class.java, id, version).awaitSingle()

	/** Adds the delete of a resource as read ([ReactiveSingleTableTransaction.delete]). */
	public suspend fun delete(entity: Any) {
		reactive.delete(entity).awaitSingleOrNull()
	}

	/** Adds the delete of a resource of type [T] ([ReactiveSingleTableTransaction.deleteById]). */
	public suspend inline fun <reified T : Any> deleteById(id: String) {
		reactive.deleteById(T::class.java, id).awaitSingleOrNull()
	}

	/** Adds an atomic increment of a number property of type [T] ([ReactiveSingleTableTransaction.increment]). */
	public suspend inline fun <reified T : Any> increment(id: String, property: String, delta: Long) {
		reactive.increment(T::class.java, id, property, delta).awaitSingleOrNull()
	}

	/** Adds an atomic increment of a number property ([ReactiveSingleTableTransaction.increment]). */
	public suspend inline fun <reified T : Any> increment(id: String, property: KProperty1<T, Number?>, delta: Long) {
		reactive.increment(T::class.java, id, property.name, delta).awaitSingleOrNull()
	}

	/** Adds strings to a `Set<String>` property of type [T] ([ReactiveSingleTableTransaction.addToSet]). */
	public suspend inline fun <reified T : Any> addToSet(id: String, property: String, vararg values: String) {
		reactive.addToSet(T::class.java, id, property, *values).awaitSingleOrNull()
	}

	/** Adds strings to a `Set<String>` property ([ReactiveSingleTableTransaction.addToSet]). */
	public suspend inline fun <reified T : Any> addToSet(id: String, property: KProperty1<T, Set<String>?>,
			vararg values: String) {
		reactive.addToSet(T::class.java, id, property.name, *values).awaitSingleOrNull()
	}

	/** Removes strings from a `Set<String>` property of type [T] ([ReactiveSingleTableTransaction.removeFromSet]). */
	public suspend inline fun <reified T : Any> removeFromSet(id: String, property: String, vararg values: String) {
		reactive.removeFromSet(T::class.java, id, property, *values).awaitSingleOrNull()
	}

	/** Removes strings from a `Set<String>` property ([ReactiveSingleTableTransaction.removeFromSet]). */
	public suspend inline fun <reified T : Any> removeFromSet(id: String, property: KProperty1<T, Set<String>?>,
			vararg values: String) {
		reactive.removeFromSet(T::class.java, id, property.name, *values).awaitSingleOrNull()
	}

	/** Appends values to a list property of type [T] ([ReactiveSingleTableTransaction.appendToList]). */
	public suspend inline fun <reified T : Any> appendToList(id: String, property: String, vararg values: Any) {
		reactive.appendToList(T::class.java, id, property, *values).awaitSingleOrNull()
	}

	/** Appends values to a list property ([ReactiveSingleTableTransaction.appendToList]). */
	public suspend inline fun <reified T : Any> appendToList(id: String, property: KProperty1<T, List<*>?>,
			vararg values: Any) {
		reactive.appendToList(T::class.java, id, property.name, *values).awaitSingleOrNull()
	}

	/** Requires that the entity's resource is at [version] ([ReactiveSingleTableTransaction.requireVersion]). */
	public suspend fun requireVersion(entity: Any, version: Long) {
		reactive.requireVersion(entity, version).awaitSingleOrNull()
	}

	/** Requires that a resource of type [T] is at [version] ([ReactiveSingleTableTransaction.requireVersion]). */
	public suspend inline fun <reified T : Any> requireVersion(id: String, version: Long) {
		reactive.requireVersion(T::class.java, id, version).awaitSingleOrNull()
	}

	/** Requires that a resource of type [T] exists ([ReactiveSingleTableTransaction.requireExists]). */
	public suspend inline fun <reified T : Any> requireExists(id: String) {
		reactive.requireExists(T::class.java, id).awaitSingleOrNull()
	}

	/** Requires that no resource of type [T] has this id ([ReactiveSingleTableTransaction.requireAbsent]). */
	public suspend inline fun <reified T : Any> requireAbsent(id: String) {
		reactive.requireAbsent(T::class.java, id).awaitSingleOrNull()
	}

}
