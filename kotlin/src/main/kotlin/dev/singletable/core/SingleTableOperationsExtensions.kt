package dev.singletable.core

import kotlin.reflect.KProperty1

import dev.singletable.core.query.SingleTableQuery
import dev.singletable.core.query.SingleTableQueryDsl
import dev.singletable.core.query.applying

/**
 * Reads the latest state of a resource of type [T] ([SingleTableOperations.findById]): `template.findById<Task>(id)`.
 * @return the resource, or `null` when it does not exist
 */
public inline fun <reified T : Any> SingleTableOperations.findById(id: String): T? =
	findById(T::class.java, id).orElse(null)

/**
 * Reads the latest state of a resource of type [T] that must exist ([SingleTableOperations.getById]).
 * @throws NoSuchResourceException when it does not exist
 */
public inline fun <reified T : Any> SingleTableOperations.getById(id: String): T = getById(T::class.java, id)

/**
 * Reads one version of a versioned resource of type [T] ([SingleTableOperations.findVersion]).
 * @return that version, or `null` when it is not stored
 */
public inline fun <reified T : Any> SingleTableOperations.findVersion(id: String, version: Long): T? =
	findVersion(T::class.java, id, version).orElse(null)

/**
 * Reads every stored version of a versioned resource of type [T], newest first
 * ([SingleTableOperations.findAllVersions]).
 */
public inline fun <reified T : Any> SingleTableOperations.findAllVersions(id: String): List<T> =
	findAllVersions(T::class.java, id)

/**
 * Lists the stored versions of a versioned resource of type [T], newest first, with their timestamps
 * ([SingleTableOperations.findVersionSummaries]).
 */
public inline fun <reified T : Any> SingleTableOperations.findVersionSummaries(id: String): List<VersionSummary> =
	findVersionSummaries(T::class.java, id)

/**
 * Reads the one resource of the singleton type [T] ([SingleTableOperations.findSingleton]).
 * @return the resource, or `null` when it was not created yet
 * @throws SingletonUsageException when [T] is not a singleton type
 */
public inline fun <reified T : Any> SingleTableOperations.findSingleton(): T? =
	findSingleton(T::class.java).orElse(null)

/**
 * Stores the content of an earlier version of a resource of type [T] as its new version
 * ([SingleTableOperations.restoreVersion]).
 * @return the new latest state
 * @throws NoSuchResourceException when the resource or that version does not exist
 */
public inline fun <reified T : Any> SingleTableOperations.restoreVersion(id: String, version: Long): T =
	restoreVersion(T::class.java, id, version)

/**
 * Deletes a resource of type [T] unconditionally ([SingleTableOperations.deleteById]).
 * @return whether anything was deleted
 */
public inline fun <reified T : Any> SingleTableOperations.deleteById(id: String): Boolean =
	deleteById(T::class.java, id)

/**
 * Deletes one version of a versioned resource of type [T] ([SingleTableOperations.deleteVersion]).
 * @return whether that version existed
 */
public inline fun <reified T : Any> SingleTableOperations.deleteVersion(id: String, version: Long): Boolean =
	deleteVersion(T::class.java, id, version)

/**
 * Starts a query of the type [T] ([SingleTableOperations.query]): `template.query<Task>().index("gsi1")…`.
 */
public inline fun <reified T : Any> SingleTableOperations.query(): SingleTableQuery<T> = query(T::class.java)

/**
 * Starts a query of the type [T] built by [block] (see [SingleTableQueryDsl]), whose key conditions name properties
 * instead of rendered keys:
 * ```
 * val tasks = template.query<Task> {
 *     index("gsi3")
 *     Task::assignee eq "ann"
 *     Task::due between (monday to friday)
 * }.all()
 * ```
 * @return the query, to be read with its terminal methods
 * @throws IllegalArgumentException when a key condition is not one the index's keys can read (before anything is
 * read)
 */
public inline fun <reified T : Any> SingleTableOperations.query(
	noinline block: SingleTableQueryDsl<T>.() -> Unit): SingleTableQuery<T> =
	query(T::class.java).applying(converter.getRequiredEntity(T::class.java), block)

/**
 * Reads the latest state of many resources of type [T] ([SingleTableOperations.findAllById]).
 * @return the resources found, in the order of the ids
 */
public inline fun <reified T : Any> SingleTableOperations.findAllById(ids: Collection<String>): List<T> =
	findAllById(T::class.java, ids)

/** Deletes many plain resources of type [T] ([SingleTableOperations.deleteAllById]). */
public inline fun <reified T : Any> SingleTableOperations.deleteAllById(ids: Collection<String>) {
	deleteAllById(T::class.java, ids)
}

/**
 * Atomically adds [delta] to a number property (or `property.key`, a map entry) of a plain resource of type [T]
 * ([SingleTableOperations.increment]).
 * @return the value read right after the increment
 */
public inline fun <reified T : Any> SingleTableOperations.increment(id: String, property: String, delta: Long): Long =
	increment(T::class.java, id, property, delta)

/**
 * Atomically adds [delta] to a number property of a plain resource ([SingleTableOperations.increment]):
 * `template.increment(id, Counter::hits, 1)`.
 * @return the value read right after the increment
 */
public inline fun <reified T : Any> SingleTableOperations.increment(id: String, property: KProperty1<T, Number?>,
		delta: Long): Long = increment(T::class.java, id, property.name, delta)

/** Atomically adds strings to a `Set<String>` property of a plain resource of type [T] ([SingleTableOperations.addToSet]). */
public inline fun <reified T : Any> SingleTableOperations.addToSet(id: String, property: String, vararg values: String) {
	addToSet(T::class.java, id, property, *values)
}

/** Atomically adds strings to a `Set<String>` property of a plain resource ([SingleTableOperations.addToSet]). */
public inline fun <reified T : Any> SingleTableOperations.addToSet(id: String, property: KProperty1<T, Set<String>?>,
		vararg values: String) {
	addToSet(T::class.java, id, property.name, *values)
}

/**
 * Atomically removes strings from a `Set<String>` property of a plain resource of type [T]
 * ([SingleTableOperations.removeFromSet]).
 */
public inline fun <reified T : Any> SingleTableOperations.removeFromSet(id: String, property: String,
		vararg values: String) {
	removeFromSet(T::class.java, id, property, *values)
}

/** Atomically removes strings from a `Set<String>` property of a plain resource ([SingleTableOperations.removeFromSet]). */
public inline fun <reified T : Any> SingleTableOperations.removeFromSet(id: String,
		property: KProperty1<T, Set<String>?>, vararg values: String) {
	removeFromSet(T::class.java, id, property.name, *values)
}

/**
 * Atomically appends values to a list property of a plain resource of type [T] ([SingleTableOperations.appendToList]).
 */
public inline fun <reified T : Any> SingleTableOperations.appendToList(id: String, property: String,
		vararg values: Any) {
	appendToList(T::class.java, id, property, *values)
}

/** Atomically appends values to a list property of a plain resource ([SingleTableOperations.appendToList]). */
public inline fun <reified T : Any> SingleTableOperations.appendToList(id: String, property: KProperty1<T, List<*>?>,
		vararg values: Any) {
	appendToList(T::class.java, id, property.name, *values)
}

/**
 * Applies the changes of [block] to an entity as read and stores it ([SingleTableOperations.update] with
 * [Changes]): `template.update(task) { set(Task::title, "Ship it"); clear(Task::due) }`.
 * @return the stored state
 * @throws VersionConflictException when the resource changed since the entity was read
 */
public fun <T : Any> SingleTableOperations.update(entity: T, block: ChangesDsl<T>.() -> Unit): T =
	update(entity, changesOf(block))
