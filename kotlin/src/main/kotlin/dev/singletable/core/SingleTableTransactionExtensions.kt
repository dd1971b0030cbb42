package dev.singletable.core

import kotlin.reflect.KProperty1

/**
 * Adds the restore of an earlier version of a resource of type [T] to the transaction
 * ([SingleTableTransaction.restoreVersion]).
 * @return the state as it will be stored
 */
public inline fun <reified T : Any> SingleTableTransaction.restoreVersion(id: String, version: Long): T =
	restoreVersion(T::class.java, id, version)

/** Adds the delete of a resource of type [T] to the transaction ([SingleTableTransaction.deleteById]). */
public inline fun <reified T : Any> SingleTableTransaction.deleteById(id: String) {
	deleteById(T::class.java, id)
}

/** Adds an atomic increment of a number property of type [T] to the transaction ([SingleTableTransaction.increment]). */
public inline fun <reified T : Any> SingleTableTransaction.increment(id: String, property: String, delta: Long) {
	increment(T::class.java, id, property, delta)
}

/** Adds an atomic increment of a number property to the transaction ([SingleTableTransaction.increment]). */
public inline fun <reified T : Any> SingleTableTransaction.increment(id: String, property: KProperty1<T, Number?>,
		delta: Long) {
	increment(T::class.java, id, property.name, delta)
}

/** Adds strings to a `Set<String>` property of type [T] in the transaction ([SingleTableTransaction.addToSet]). */
public inline fun <reified T : Any> SingleTableTransaction.addToSet(id: String, property: String,
		vararg values: String) {
	addToSet(T::class.java, id, property, *values)
}

/** Adds strings to a `Set<String>` property in the transaction ([SingleTableTransaction.addToSet]). */
public inline fun <reified T : Any> SingleTableTransaction.addToSet(id: String, property: KProperty1<T, Set<String>?>,
		vararg values: String) {
	addToSet(T::class.java, id, property.name, *values)
}

/**
 * Removes strings from a `Set<String>` property of type [T] in the transaction
 * ([SingleTableTransaction.removeFromSet]).
 */
public inline fun <reified T : Any> SingleTableTransaction.removeFromSet(id: String, property: String,
		vararg values: String) {
	removeFromSet(T::class.java, id, property, *values)
}

/** Removes strings from a `Set<String>` property in the transaction ([SingleTableTransaction.removeFromSet]). */
public inline fun <reified T : Any> SingleTableTransaction.removeFromSet(id: String,
		property: KProperty1<T, Set<String>?>, vararg values: String) {
	removeFromSet(T::class.java, id, property.name, *values)
}

/** Appends values to a list property of type [T] in the transaction ([SingleTableTransaction.appendToList]). */
public inline fun <reified T : Any> SingleTableTransaction.appendToList(id: String, property: String,
		vararg values: Any) {
	appendToList(T::class.java, id, property, *values)
}

/** Appends values to a list property in the transaction ([SingleTableTransaction.appendToList]). */
public inline fun <reified T : Any> SingleTableTransaction.appendToList(id: String, property: KProperty1<T, List<*>?>,
		vararg values: Any) {
	appendToList(T::class.java, id, property.name, *values)
}

/**
 * Makes the transaction require that a resource of type [T] is at [version] ([SingleTableTransaction.requireVersion]).
 */
public inline fun <reified T : Any> SingleTableTransaction.requireVersion(id: String, version: Long) {
	requireVersion(T::class.java, id, version)
}

/** Makes the transaction require that a resource of type [T] exists ([SingleTableTransaction.requireExists]). */
public inline fun <reified T : Any> SingleTableTransaction.requireExists(id: String) {
	requireExists(T::class.java, id)
}

/** Makes the transaction require that no resource of type [T] has this id ([SingleTableTransaction.requireAbsent]). */
public inline fun <reified T : Any> SingleTableTransaction.requireAbsent(id: String) {
	requireAbsent(T::class.java, id)
}

/**
 * Adds the update of an entity as read with the changes of [block] to the transaction
 * ([SingleTableTransaction.update] with [Changes]).
 * @return the state as it will be stored
 */
public fun <T : Any> SingleTableTransaction.update(entity: T, block: ChangesDsl<T>.() -> Unit): T =
	update(entity, changesOf(block))

/** Names a resource of type [T] to read in the snapshot ([SingleTableReadTransaction.get]). */
public inline fun <reified T : Any> SingleTableReadTransaction.get(id: String) {
	get(T::class.java, id)
}

/**
 * Returns a resource of type [T] as the snapshot read it ([SingleTableSnapshot.get]).
 * @return the resource, or `null` when it did not exist
 */
public inline fun <reified T : Any> SingleTableSnapshot.get(id: String): T? = get(T::class.java, id).orElse(null)
