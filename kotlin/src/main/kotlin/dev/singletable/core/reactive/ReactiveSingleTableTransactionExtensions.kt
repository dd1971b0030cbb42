package dev.singletable.core.reactive

import kotlin.reflect.KProperty1

import kotlinx.coroutines.reactor.awaitSingle
import kotlinx.coroutines.reactor.awaitSingleOrNull

import dev.singletable.core.Changes
import dev.singletable.core.ChangesDsl
import dev.singletable.core.changesOf

/**
 * Adds the create of a resource to the transaction ([ReactiveSingleTableTransaction.create]).
 * @return the entity as it will be stored
 */
public suspend fun <T : Any> ReactiveSingleTableTransaction.awaitCreate(entity: T): T = create(entity).awaitSingle()

/** Adds the update of a resource as read to the transaction ([ReactiveSingleTableTransaction.update]). */
public suspend fun <T : Any> ReactiveSingleTableTransaction.awaitUpdate(entity: T): T = update(entity).awaitSingle()

/** Adds an update with changes to the transaction ([ReactiveSingleTableTransaction.update] with [Changes]). */
public suspend fun <T : Any> ReactiveSingleTableTransaction.awaitUpdate(entity: T, changes: Changes): T =
	update(entity, changes).awaitSingle()

/** Adds an update with the changes of [block] to the transaction: `tx.awaitUpdate(task) { set(Task::title, "x") }`. */
public suspend fun <T : Any> ReactiveSingleTableTransaction.awaitUpdate(entity: T,
		block: ChangesDsl<T>.() -> Unit): T = update(entity, changesOf(block)).awaitSingle()

/** Adds the save of an entity to the transaction ([ReactiveSingleTableTransaction.save]). */
public suspend fun <T : Any> ReactiveSingleTableTransaction.awaitSave(entity: T): T = save(entity).awaitSingle()

/**
 * Adds the restore of an earlier version of a resource of type [T] to the transaction
 * ([ReactiveSingleTableTransaction.restoreVersion]).
 */
public suspend inline fun <reified T : Any> ReactiveSingleTableTransaction.awaitRestoreVersion(id: String,
		version: Long): T = restoreVersion(T::class.java, id, version).awaitSingle()

/** Adds the delete of a resource as read to the transaction ([ReactiveSingleTableTransaction.delete]). */
public suspend fun ReactiveSingleTableTransaction.awaitDelete(entity: Any) {
	delete(entity).awaitSingleOrNull()
}

/** Adds the delete of a resource of type [T] to the transaction ([ReactiveSingleTableTransaction.deleteById]). */
public suspend inline fun <reified T : Any> ReactiveSingleTableTransaction.awaitDeleteById(id: String) {
	deleteById(T::class.java, id).awaitSingleOrNull()
}

/** Adds an atomic increment of a number property of type [T] ([ReactiveSingleTableTransaction.increment]). */
public suspend inline fun <reified T : Any> ReactiveSingleTableTransaction.awaitIncrement(id: String,
		property: String, delta: Long) {
	increment(T::class.java, id, property, delta).awaitSingleOrNull()
}

/** Adds an atomic increment of a number property ([ReactiveSingleTableTransaction.increment]). */
public suspend inline fun <reified T : Any> ReactiveSingleTableTransaction.awaitIncrement(id: String,
		property: KProperty1<T, Number?>, delta: Long) {
	increment(T::class.java, id, property.name, delta).awaitSingleOrNull()
}

/** Adds strings to a `Set<String>` property of type [T] ([ReactiveSingleTableTransaction.addToSet]). */
public suspend inline fun <reified T : Any> ReactiveSingleTableTransaction.awaitAddToSet(id: String,
		property: String, vararg values: String) {
	addToSet(T::class.java, id, property, *values).awaitSingleOrNull()
}

/** Adds strings to a `Set<String>` property ([ReactiveSingleTableTransaction.addToSet]). */
public suspend inline fun <reified T : Any> ReactiveSingleTableTransaction.awaitAddToSet(id: String,
		property: KProperty1<T, Set<String>?>, vararg values: String) {
	addToSet(T::class.java, id, property.name, *values).awaitSingleOrNull()
}

/** Removes strings from a `Set<String>` property of type [T] ([ReactiveSingleTableTransaction.removeFromSet]). */
public suspend inline fun <reified T : Any> ReactiveSingleTableTransaction.awaitRemoveFromSet(id: String,
		property: String, vararg values: String) {
	removeFromSet(T::class.java, id, property, *values).awaitSingleOrNull()
}

/** Removes strings from a `Set<String>` property ([ReactiveSingleTableTransaction.removeFromSet]). */
public suspend inline fun <reified T : Any> ReactiveSingleTableTransaction.awaitRemoveFromSet(id: String,
		property: KProperty1<T, Set<String>?>, vararg values: String) {
	removeFromSet(T::class.java, id, property.name, *values).awaitSingleOrNull()
}

/** Appends values to a list property of type [T] ([ReactiveSingleTableTransaction.appendToList]). */
public suspend inline fun <reified T : Any> ReactiveSingleTableTransaction.awaitAppendToList(id: String,
		property: String, vararg values: Any) {
	appendToList(T::class.java, id, property, *values).awaitSingleOrNull()
}

/** Appends values to a list property ([ReactiveSingleTableTransaction.appendToList]). */
public suspend inline fun <reified T : Any> ReactiveSingleTableTransaction.awaitAppendToList(id: String,
		property: KProperty1<T, List<*>?>, vararg values: Any) {
	appendToList(T::class.java, id, property.name, *values).awaitSingleOrNull()
}

/** Makes the transaction require that the entity's resource is at [version] ([ReactiveSingleTableTransaction.requireVersion]). */
public suspend fun ReactiveSingleTableTransaction.awaitRequireVersion(entity: Any, version: Long) {
	requireVersion(entity, version).awaitSingleOrNull()
}

/** Makes the transaction require that a resource of type [T] is at [version] ([ReactiveSingleTableTransaction.requireVersion]). */
public suspend inline fun <reified T : Any> ReactiveSingleTableTransaction.awaitRequireVersion(id: String,
		version: Long) {
	requireVersion(T::class.java, id, version).awaitSingleOrNull()
}

/** Makes the transaction require that a resource of type [T] exists ([ReactiveSingleTableTransaction.requireExists]). */
public suspend inline fun <reified T : Any> ReactiveSingleTableTransaction.awaitRequireExists(id: String) {
	requireExists(T::class.java, id).awaitSingleOrNull()
}

/** Makes the transaction require that no resource of type [T] has this id ([ReactiveSingleTableTransaction.requireAbsent]). */
public suspend inline fun <reified T : Any> ReactiveSingleTableTransaction.awaitRequireAbsent(id: String) {
	requireAbsent(T::class.java, id).awaitSingleOrNull()
}
