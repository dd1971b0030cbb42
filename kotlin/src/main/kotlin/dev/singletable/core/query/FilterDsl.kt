package dev.singletable.core.query

import kotlin.reflect.KProperty1

/**
 * Builds a [Filter] from conditions on property references of the entity type [T]: each statement of the block is
 * one condition, and they all must hold (AND); [anyOf], [allOf] and [not] group conditions.
 *
 * ```
 * filterOf<Task> {
 *     Task::priority ge 3
 *     anyOf {
 *         Task::status eq Status.OPEN
 *         Task::assignee.isNull()
 *     }
 * }
 * ```
 *
 * The conditions are [Filter.property] conditions named by the properties' names: the query resolves them to their
 * stored names when it is read, and refuses there, as it refuses a Java filter, a name the type does not store (an
 * [IllegalArgumentException] naming the type and the property) or a property of a compressed type.
 *
 * @param T the entity type whose properties the conditions name
 */
@SingleTableDsl
public class FilterDsl<T : Any> @PublishedApi internal constructor() {

	private val conditions = mutableListOf<Filter>()

	/** The property equals [value]; a `null` value matches an attribute stored as NULL. */
	public infix fun <V> KProperty1<in T, V>.eq(value: V) {
		add(Filter.property(name).eq(value))
	}

	/** The property does not equal [value]. */
	public infix fun <V> KProperty1<in T, V>.ne(value: V) {
		add(Filter.property(name).ne(value))
	}

	/** The property is less than [value]. */
	public infix fun <V> KProperty1<in T, V>.lt(value: V & Any) {
		add(Filter.property(name).lt(value))
	}

	/** The property is less than or equal to [value]. */
	public infix fun <V> KProperty1<in T, V>.le(value: V & Any) {
		add(Filter.property(name).le(value))
	}

	/** The property is greater than [value]. */
	public infix fun <V> KProperty1<in T, V>.gt(value: V & Any) {
		add(Filter.property(name).gt(value))
	}

	/** The property is greater than or equal to [value]. */
	public infix fun <V> KProperty1<in T, V>.ge(value: V & Any) {
		add(Filter.property(name).ge(value))
	}

	/** The property lies between the two values of [range], both included: `Task::due between (from to until)`. */
	public infix fun <V> KProperty1<in T, V>.between(range: Pair<V & Any, V & Any>) {
		add(Filter.property(name).between(range.first, range.second))
	}

	/** The property lies in [range], both ends included: `Task::due between from..until`. */
	public infix fun <V : Comparable<V>> KProperty1<in T, V?>.between(range: ClosedRange<V>) {
		add(Filter.property(name).between(range.start, range.endInclusive))
	}

	/** The property equals one of [values] (1 to 100 of them). */
	public infix fun <V> KProperty1<in T, V>.isIn(values: Collection<V & Any>) {
		add(Filter.property(name).`in`(*values.toTypedArray<Any>()))
	}

	/** The property, stored as a string, starts with [prefix]. */
	public infix fun KProperty1<in T, *>.beginsWith(prefix: String) {
		add(Filter.property(name).beginsWith(prefix))
	}

	/** The property, a string, contains [value]; or the property, a set or list, contains the element [value]. */
	public infix fun KProperty1<in T, *>.contains(value: Any) {
		add(Filter.property(name).contains(value))
	}

	/** The property's attribute is stored (possibly as NULL). */
	public fun KProperty1<in T, *>.exists() {
		add(Filter.property(name).exists())
	}

	/** The property's attribute is not stored. */
	public fun KProperty1<in T, *>.notExists() {
		add(Filter.property(name).notExists())
	}

	/** The property is `null`: its attribute is not stored, or stored as NULL. */
	public fun KProperty1<in T, *>.isNull() {
		add(Filter.property(name).notExists().or(Filter.property(name).eq(null)))
	}

	/** The property is not `null`: its attribute is stored, and not as NULL. */
	public fun KProperty1<in T, *>.isNotNull() {
		add(Filter.property(name).exists().and(Filter.property(name).ne(null)))
	}

	/** At least one of the conditions of [block] holds. */
	public fun anyOf(block: FilterDsl<T>.() -> Unit) {
		add(FilterDsl<T>().apply(block).build("anyOf { }", Filter::or))
	}

	/** Every condition of [block] holds (as the statements of any block do; for a group inside [anyOf]). */
	public fun allOf(block: FilterDsl<T>.() -> Unit) {
		add(FilterDsl<T>().apply(block).build("allOf { }", Filter::and))
	}

	/** The conditions of [block] do not all hold. */
	public fun not(block: FilterDsl<T>.() -> Unit) {
		add(Filter.not(FilterDsl<T>().apply(block).build("not { }", Filter::and)))
	}

	/**
	 * Adds a [Filter] built otherwise, such as a condition on a stored attribute:
	 * `+Filter.attribute("gsi1pk").exists()`.
	 */
	public operator fun Filter.unaryPlus() {
		add(this)
	}

	private fun add(filter: Filter) {
		this.conditions.add(filter)
	}

	/**
	 * Returns the conditions combined, refusing a block without any.
	 * @throws IllegalArgumentException when the block named no condition
	 */
	@PublishedApi
	internal fun build(what: String, combine: (Filter, Filter) -> Filter): Filter {
		require(this.conditions.isNotEmpty()) {
			"$what names no condition; add one, such as Task::status eq Status.OPEN, or leave the block out"
		}
		return this.conditions.reduce(combine)
	}

}

/**
 * Builds a [Filter] on the properties of [T] (see [FilterDsl]), for a query of the Java builder or
 * [Filter.forType]: `template.query<Task>().filter(filterOf<Task> { Task::priority ge 3 })`.
 * @throws IllegalArgumentException when the block names no condition
 */
public fun <T : Any> filterOf(block: FilterDsl<T>.() -> Unit): Filter =
	FilterDsl<T>().apply(block).build("filterOf { }", Filter::and)

/**
 * Builds a filter of the items of one type of a query over several types ([Filter.forType]): the other types'
 * items pass.
 *
 * ```
 * template.queryCollection("gsi1", Customer::class.java, Invoice::class.java)
 *     .partition("customer#c1")
 *     .filter(forType<Invoice> { Invoice::paid eq false })
 * ```
 * @throws IllegalArgumentException when the block names no condition
 */
public inline fun <reified T : Any> forType(noinline block: FilterDsl<T>.() -> Unit): Filter =
	Filter.forType(T::class.java, filterOf(block))
