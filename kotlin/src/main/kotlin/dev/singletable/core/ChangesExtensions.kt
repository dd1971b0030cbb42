package dev.singletable.core

import kotlin.reflect.KProperty1

import dev.singletable.core.query.SingleTableDsl

/**
 * The block of [changesOf] and of `update(entity) { }` on either template: the properties of [T] to set and to clear,
 * named by property references. What the Java [Changes] checks (a property the type does not have, a system
 * property, a value the property cannot take) is checked when the update runs, as for Java.
 *
 * ```
 * template.update(task) {
 *     set(Task::title, "Ship it")
 *     clear(Task::due)
 * }
 * ```
 * @param T the entity type
 */
@SingleTableDsl
public class ChangesDsl<T : Any> @PublishedApi internal constructor() {

	private var changes: Changes = Changes.none()

	/** Sets the property to [value]; `null` clears it. */
	public fun <V> set(property: KProperty1<in T, V>, value: V) {
		this.changes = this.changes.and(property.name, value)
	}

	/** Clears the properties (sets them to `null`). */
	public fun clear(vararg properties: KProperty1<in T, *>) {
		this.changes = this.changes.clear(*properties.map { it.name }.toTypedArray())
	}

	@PublishedApi
	internal fun build(): Changes = this.changes

}

/**
 * Builds the [Changes] of a partial update from property references of [T]:
 * `template.update(task, changesOf<Task> { set(Task::title, "Ship it") })`.
 */
public fun <T : Any> changesOf(block: ChangesDsl<T>.() -> Unit): Changes = ChangesDsl<T>().apply(block).build()

/** Also sets a property, named by a property reference ([Changes.and]); a `null` value clears it. */
public fun <V> Changes.and(property: KProperty1<*, V>, value: V): Changes = and(property.name, value)

/** Also clears properties, named by property references ([Changes.clear]). */
public fun Changes.clear(vararg properties: KProperty1<*, *>): Changes =
	clear(*properties.map { it.name }.toTypedArray())
