package dev.singletable.core.query

import java.util.function.Predicate
import kotlin.reflect.KProperty1

import org.springframework.data.domain.Sort

import dev.singletable.core.mapping.SingleTablePersistentEntity

/**
 * The block of `query<T> { }` (on either template): the Java query's builder methods, and key conditions on property
 * references of [T] in place of rendered key strings.
 *
 * ```
 * val page = template.query<Task> {
 *     index("gsi3")
 *     Task::assignee eq "ann"                 // the partition key, rendered from gsi3's template
 *     Task::due between (monday to friday)    // the sort key
 *     filter { Task::priority ge 3 }          // evaluated by DynamoDB
 *     limit(20)
 * }.page(cursor)
 * ```
 *
 * A key condition names a property of the keys the type declares for the index it reads (`@IndexKey`; without
 * [index], the type index and its sort template or `@LastModifiedDate` property; on an index sorted by the table's
 * `pk`, the id): equality on every property of the partition template (or [isIn] on one of them, a query per value),
 * then on the sort template equality on its leading properties and at most one comparison after them. The values
 * are rendered by the index's own templates, as the item's keys were written. Key conditions are resolved when the
 * block ends, before anything is read; one that no key of the index holds is refused with an
 * [IllegalArgumentException] naming the type, the property, the index's templates and the indexes that do hold it.
 * Filters and everything else are the Java query's, checked where the Java query checks them (when it is read).
 *
 * @param T the entity type
 */
@SingleTableDsl
public class SingleTableQueryDsl<T : Any> @PublishedApi internal constructor(
	private val query: SingleTableQueryBuilder<T, *>,
	private val entity: SingleTablePersistentEntity<*>,
) {

	private var target: QueryKeys.Target = QueryKeys.Target.Default

	private val keys = mutableListOf<QueryKeys.Condition>()

	/** Reads the named index ([SingleTableQueryBuilder.index]); key conditions are resolved against its templates. */
	public fun index(name: String) {
		this.query.index(name)
		this.target = QueryKeys.Target.Index(name)
	}

	/** Reads the table itself ([SingleTableQueryBuilder.table]): its one key condition is equality on the id. */
	public fun table() {
		this.query.table()
		this.target = QueryKeys.Target.Table
	}

	/** Reads the resource with this id ([SingleTableQueryBuilder.id]); takes no key condition. */
	public fun id(id: String) {
		this.query.id(id)
		this.target = QueryKeys.Target.Id
	}

	/** Key condition: the property equals [value] (a partition property, or a leading sort property). */
	public infix fun <V> KProperty1<in T, V>.eq(value: V) {
		key(this, QueryKeys.Operator.EQ, value)
	}

	/**
	 * Key condition: the partition property equals one of [values], read as one query per value, merged in the
	 * order of the index's sort key ([SingleTableQueryBuilder.partitionIn]).
	 */
	public infix fun <V> KProperty1<in T, V>.isIn(values: Collection<V & Any>) {
		key(this, QueryKeys.Operator.IN, *values.toTypedArray<Any>())
	}

	/** Key condition: the sort property is less than [value]. */
	public infix fun <V> KProperty1<in T, V>.lt(value: V & Any) {
		key(this, QueryKeys.Operator.LT, value)
	}

	/** Key condition: the sort property is less than or equal to [value]. */
	public infix fun <V> KProperty1<in T, V>.le(value: V & Any) {
		key(this, QueryKeys.Operator.LE, value)
	}

	/** Key condition: the sort property is greater than [value]. */
	public infix fun <V> KProperty1<in T, V>.gt(value: V & Any) {
		key(this, QueryKeys.Operator.GT, value)
	}

	/** Key condition: the sort property is greater than or equal to [value]. */
	public infix fun <V> KProperty1<in T, V>.ge(value: V & Any) {
		key(this, QueryKeys.Operator.GE, value)
	}

	/** Key condition: the sort property lies between the two values of [range], both included. */
	public infix fun <V> KProperty1<in T, V>.between(range: Pair<V & Any, V & Any>) {
		key(this, QueryKeys.Operator.BETWEEN, range.first, range.second)
	}

	/** Key condition: the sort property lies in [range], both ends included: `Task::due between monday..friday`. */
	public infix fun <V : Comparable<V>> KProperty1<in T, V?>.between(range: ClosedRange<V>) {
		key(this, QueryKeys.Operator.BETWEEN, range.start, range.endInclusive)
	}

	/** Key condition: the sort property, as the sort key holds it, starts with [prefix] (`Task::due beginsWith "2025-06"`). */
	public infix fun KProperty1<in T, *>.beginsWith(prefix: String) {
		key(this, QueryKeys.Operator.BEGINS_WITH, prefix)
	}

	/** Adds the conditions of [block] as a filter DynamoDB evaluates ([SingleTableQueryBuilder.filter]). */
	public fun filter(block: FilterDsl<T>.() -> Unit) {
		this.query.filter(filterOf(block))
	}

	/** Adds a filter DynamoDB evaluates ([SingleTableQueryBuilder.filter]). */
	public fun filter(filter: Filter) {
		this.query.filter(filter)
	}

	/**
	 * Adds the conditions of [block] as a filter evaluated on each result after it is read, with DynamoDB's meaning
	 * ([SingleTableQueryBuilder.where] with a [Filter]): for compressed types, whose properties DynamoDB cannot see.
	 */
	public fun filterAfterRead(block: FilterDsl<T>.() -> Unit) {
		this.query.where(filterOf(block))
	}

	/** Adds a predicate each result must satisfy after it is read ([SingleTableQueryBuilder.where]). */
	public fun where(predicate: (T) -> Boolean) {
		this.query.where(Predicate<T> { predicate(it) })
	}

	/** Reads only these properties where the type is stored uncompressed ([SingleTableQueryBuilder.select]). */
	public fun select(vararg properties: KProperty1<in T, *>) {
		this.query.select(*properties.map { it.name }.toTypedArray())
	}

	/**
	 * Orders the results by a property, which must be the one the index's sort key follows
	 * ([SingleTableQueryBuilder.orderBy]; any other is refused when the query is read).
	 */
	public fun orderBy(property: KProperty1<in T, *>, direction: Sort.Direction = Sort.Direction.ASC) {
		this.query.orderBy(Sort.by(direction, property.name))
	}

	/** Orders the results as a Spring Data [Sort] says ([SingleTableQueryBuilder.orderBy]). */
	public fun orderBy(sort: Sort) {
		this.query.orderBy(sort)
	}

	/** Returns results in ascending sort key order, the default ([SingleTableQueryBuilder.ascending]). */
	public fun ascending() {
		this.query.ascending()
	}

	/** Returns results in descending sort key order ([SingleTableQueryBuilder.descending]). */
	public fun descending() {
		this.query.descending()
	}

	/** Reads with strong consistency, only on the table ([SingleTableQueryBuilder.consistentRead]). */
	public fun consistentRead() {
		this.query.consistentRead()
	}

	/** Sets how many results a page holds, or caps a read of every result ([SingleTableQueryBuilder.limit]). */
	public fun limit(limit: Int) {
		this.query.limit(limit)
	}

	/** Skips the first results of a read of every result ([SingleTableQueryBuilder.offset]). */
	public fun offset(offset: Long) {
		this.query.offset(offset)
	}

	/** Sets how many requests one page may make ([SingleTableQueryBuilder.maxRequests]). */
	public fun maxRequests(maxRequests: Int) {
		this.query.maxRequests(maxRequests)
	}

	private fun key(property: KProperty1<*, *>, operator: QueryKeys.Operator, vararg values: Any?) {
		this.keys.add(QueryKeys.Condition(property.name, operator, values.toList()))
	}

	/** Resolves the key conditions against the index read and sets the query's partition and sort condition. */
	@PublishedApi
	internal fun complete() {
		QueryKeys(this.entity, this.target).apply(this.query, this.keys)
	}

}

/**
 * Runs a `query<T> { }` block on a query of either template and resolves its key conditions.
 * @throws IllegalArgumentException when a key condition does not fit the index's keys
 */
@PublishedApi
internal fun <T : Any, Q : SingleTableQueryBuilder<T, Q>> Q.applying(entity: SingleTablePersistentEntity<*>,
		block: SingleTableQueryDsl<T>.() -> Unit): Q {
	val dsl = SingleTableQueryDsl(this, entity)
	dsl.block()
	dsl.complete()
	return this
}
