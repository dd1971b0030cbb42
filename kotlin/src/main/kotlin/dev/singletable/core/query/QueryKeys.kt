package dev.singletable.core.query

import dev.singletable.core.mapping.KeyTemplate
import dev.singletable.core.mapping.SingleTablePersistentEntity
import dev.singletable.core.spi.StoredItems
import dev.singletable.core.spi.TypeIndexes

/**
 * The key conditions of a `query<T> { }` block resolved against the keys the entity type declares for the index the
 * query reads: the partition key rendered from its template (or one per value of an `isIn`), the sort key condition
 * from the sort template, each value rendered as the item's keys were written. Every refusal is an
 * [IllegalArgumentException] naming the type, the property and the keys of the index.
 */
internal class QueryKeys(private val entity: SingleTablePersistentEntity<*>, private val target: Target) {

	private val type: String = entity.type.simpleName

	/** What the query reads. */
	sealed interface Target {

		/** The type index, which a query reads unless told otherwise. */
		data object Default : Target

		/** A named index. */
		data class Index(val name: String) : Target

		/** The table, on `pk`/`sk`. */
		data object Table : Target

		/** One resource by id. */
		data object Id : Target

	}

	/** A comparison a key condition makes. */
	enum class Operator(val word: String) {

		EQ("eq"), IN("isIn"), LT("lt"), LE("le"), GT("gt"), GE("ge"), BETWEEN("between"), BEGINS_WITH("beginsWith")

	}

	/** One key condition as the block stated it. */
	data class Condition(val property: String, val operator: Operator, val values: List<Any?>)

	/** The templates of the index's keys; [sort] is `null` when no property maps onto its sort key. */
	private class Keys(val index: String, val partition: KeyTemplate, val sort: KeyTemplate?) {

		fun describe(): String = "partition '$partition'" + (if (sort != null) ", sort '$sort'" else "")

	}

	fun apply(query: SingleTableQueryBuilder<*, *>, conditions: List<Condition>) {
		if (conditions.isEmpty()) {
			constantPartition()?.let { query.partition(it) }
			return
		}
		for (condition in conditions) {
			require(this.entity.getPersistentProperty(condition.property) != null) {
				"$type has no property '${condition.property}' to query by: a key condition names a stored property " +
					"of $type that one of its @IndexKey templates holds"
			}
		}
		conditions.groupBy { it.property }.forEach { (property, same) ->
			require(same.size == 1) {
				"Two key conditions on $type::$property (${same.joinToString { it.operator.word }}); a key takes one: " +
					"for a range, use between"
			}
		}
		when (val target = this.target) {
			Target.Id -> throw IllegalArgumentException("The query of $type reads one resource with id(..), so it " +
				"takes no key condition; drop id(..) or the conditions on ${conditions.joinToString { it.property }}")
			Target.Table -> applyToTable(query, conditions)
			Target.Default -> applyToIndex(query, typeIndexKeys(), conditions)
			is Target.Index -> applyToIndex(query, indexKeys(target.name), conditions)
		}
	}

	/** The partition of a secondary index whose template is a literal: read without naming it. */
	private fun constantPartition(): String? {
		val target = this.target as? Target.Index ?: return null
		if (target.name == TypeIndexes.NAME) {
			return null
		}
		val definition = this.entity.getIndexDefinition(target.name) ?: return null
		val partition = definition.partition()
		return if (definition.method() == null && partition != null && !partition.hasProperties()) partition.prefix
		else null
	}

	private fun applyToTable(query: SingleTableQueryBuilder<*, *>, conditions: List<Condition>) {
		val id = this.entity.idProperty?.name
		val condition = conditions.single()
		if (conditions.size == 1 && condition.property == id && condition.operator == Operator.EQ) {
			val value = condition.values[0]
			require(value is String) { "The id compared with $type::$id must be a non-null String" }
			query.id(value)
			return
		}
		throw IllegalArgumentException("A query of the table reads the resources of $type by their id, so its only " +
			"key condition is $type::$id eq <id>, but it has ${describe(conditions)}; query an index whose keys " +
			"hold these properties${holders(conditions.first().property)}, or filter { } on them")
	}

	private fun typeIndexKeys(): Keys {
		val definition = this.entity.getIndexDefinition(TypeIndexes.NAME) ?: TypeIndexes.defaultDefinition(this.entity)
		require(definition.method() == null) {
			"$type computes its type index keys with ${definition.method()?.name}(), so no property maps onto them; " +
				"pass the key values with the query's partition(..) and sort methods"
		}
		val partition = definition.partition() ?: KeyTemplate.parse(this.entity.prefix, KeyTemplate.Role.PARTITION)
		return Keys(TypeIndexes.NAME, partition, TypeIndexes.sortTemplate(this.entity))
	}

	private fun indexKeys(index: String): Keys {
		if (index == TypeIndexes.NAME) {
			return typeIndexKeys()
		}
		val definition = this.entity.getIndexDefinition(index)
			?: throw IllegalArgumentException("$type writes no keys of index '$index', so a key condition cannot read " +
				"it; its indexes: ${indexes()}")
		val partition = definition.partition()
		require(definition.method() == null && partition != null) {
			"$type computes the keys of index '$index' with ${definition.method()?.name}(), so no property maps onto " +
				"them; pass the key values with the query's partition(..) and sort methods"
		}
		val sort = when {
			definition.sortWritten() -> definition.sort()
			// gsi1 and gsi2 sort on the table's pk: the order of the ids
			definition.sortAttribute() == StoredItems.PK -> KeyTemplate.parse(
				this.entity.partitionKeyPrefix + "{" + this.entity.requiredIdProperty.name + "}", KeyTemplate.Role.SORT)
			else -> null
		}
		return Keys(index, partition, sort)
	}

	private fun applyToIndex(query: SingleTableQueryBuilder<*, *>, keys: Keys, conditions: List<Condition>) {
		val partitionProperties = keys.partition.properties
		val sortProperties = keys.sort?.properties ?: emptyList()
		for (condition in conditions) {
			require(condition.property in partitionProperties || condition.property in sortProperties) {
				"$type::${condition.property} is not a key of index '${keys.index}' of $type (${keys.describe()}), so " +
					"a query cannot read it by '${condition.operator.word}': filter { } on it instead, or query an " +
					"index whose keys hold it${holders(condition.property)}"
			}
		}
		val byProperty = conditions.associateBy { it.property }
		val values = mutableMapOf<String, Any>()
		var partitionIn: Condition? = null
		for (property in partitionProperties) {
			val condition = byProperty[property] ?: throw IllegalArgumentException("The query of $type on index '" +
				"${keys.index}' reads one partition of it, '${keys.partition}', so it needs $type::$property eq " +
				"<value> (or isIn); it has ${describe(conditions)}")
			when (condition.operator) {
				Operator.EQ -> values[property] = required(condition, condition.values[0])
				Operator.IN -> {
					require(partitionIn == null) {
						"isIn reads one partition per value, on one property of the partition key only, but the query " +
							"of $type has it on ${partitionIn?.property} and $property"
					}
					partitionIn = condition
				}
				else -> throw IllegalArgumentException("$type::$property is in the partition key '${keys.partition}' " +
					"of index '${keys.index}', which a query reads by equality, not by '${condition.operator.word}': " +
					"compare it with eq, or read several partitions with isIn")
			}
		}
		val inCondition = partitionIn
		if (inCondition == null) {
			query.partition(render(keys.partition, values))
		}
		else {
			require(inCondition.values.isNotEmpty()) { "$type::${inCondition.property} isIn needs at least one value" }
			query.partitionIn(inCondition.values.map { value ->
				render(keys.partition, values + (inCondition.property to required(inCondition, value)))
			})
		}
		val sortConditions = conditions.filter { it.property !in partitionProperties }
		if (sortConditions.isNotEmpty()) {
			applySort(query, keys, keys.sort!!, sortConditions, values)
		}
	}

	private fun applySort(query: SingleTableQueryBuilder<*, *>, keys: Keys, sort: KeyTemplate,
			conditions: List<Condition>, values: MutableMap<String, Any>) {
		val properties = sort.properties
		val ranges = conditions.filter { it.operator != Operator.EQ }
		ranges.firstOrNull { it.operator == Operator.IN }?.let {
			throw IllegalArgumentException("$type::${it.property} is in the sort key '$sort' of index '${keys.index}'; " +
				"isIn reads several partitions, so it is for a property of the partition key '${keys.partition}'")
		}
		require(ranges.size <= 1) {
			"The sort key of index '${keys.index}' takes one comparison besides equalities, but the query of $type " +
				"has ${describe(ranges)}; keep one and filter { } on the others"
		}
		conditions.filter { it.operator == Operator.EQ }.forEach { values[it.property] = required(it, it.values[0]) }
		val range = ranges.singleOrNull()
		val position = if (range != null) properties.indexOf(range.property) else properties.size
		// the sort key is read by a prefix: every property before the one compared needs its value
		properties.subList(0, position).firstOrNull { it !in values }?.let { missing ->
			val after = conditions.firstOrNull { properties.indexOf(it.property) > properties.indexOf(missing) }
			if (after != null || range != null) {
				val named = range ?: after!!
				throw IllegalArgumentException("$type::${named.property} follows '$missing' in the sort key '$sort' of " +
					"index '${keys.index}', so a query reads it only with $type::$missing eq <value>")
			}
		}
		if (range == null) {
			if (properties.all { it in values }) {
				query.sortEquals(render(sort, values))
			}
			else {
				query.sortBeginsWith(sort.renderPrefix { values[it] })
			}
			return
		}
		if (range.operator == Operator.BEGINS_WITH) {
			conditions.firstOrNull { properties.indexOf(it.property) > position }?.let {
				throw IllegalArgumentException("$type::${it.property} follows ${range.property} in the sort key '$sort' " +
					"of index '${keys.index}', which beginsWith reads by a prefix; filter { } on it instead")
			}
			val before = values.filterKeys { properties.indexOf(it) < position }
			query.sortBeginsWith(sort.renderPrefix { before[it] } + range.values[0])
			return
		}
		val conditioned = conditions.map { it.property }.toSet()
		properties.subList(0, position).lastOrNull { it in conditioned }?.let {
			// one condition on the sort key: a bare comparison would read on into the keys of other values of the
			// properties before it, which only a range with both ends keeps to the value asked for
			if (range.operator != Operator.BETWEEN) {
				throw IllegalArgumentException("$type::${range.property} follows '$it' in the sort key '$sort' of index " +
					"'${keys.index}', so after $type::$it eq a key condition reads it with between (from to until), eq " +
					"or beginsWith, not '${range.operator.word}', which would read on into the keys of other values " +
					"of '$it'")
			}
		}
		// the properties after it must be the same in every key read: values of the partition's properties
		properties.subList(position + 1, properties.size).firstOrNull { it !in values || it in conditioned }?.let {
			throw IllegalArgumentException("$type::${range.property} is followed by '$it' in the sort key '$sort' of " +
				"index '${keys.index}', so '${range.operator.word}' on it reads keys whatever their '$it'; compare " +
				"it with eq or beginsWith, or filter { } on '$it'")
		}
		val operands = range.values.map { value -> render(sort, values + (range.property to required(range, value))) }
		when (range.operator) {
			Operator.LT -> query.sortLessThan(operands[0])
			Operator.LE -> query.sortLessThanOrEqual(operands[0])
			Operator.GT -> query.sortGreaterThan(operands[0])
			Operator.GE -> query.sortGreaterThanOrEqual(operands[0])
			Operator.BETWEEN -> query.sortBetween(operands[0], operands[1])
			else -> error("Not a comparison: ${range.operator}")
		}
	}

	private fun render(template: KeyTemplate, values: Map<String, Any>): String =
		checkNotNull(template.render { values[it] }) { "Template '$template' left a property without value" }

	private fun required(condition: Condition, value: Any?): Any = requireNotNull(value) {
		"The value of $type::${condition.property} ${condition.operator.word} must not be null: a key holds no null " +
			"(an item whose key property is null is not in the index)"
	}

	private fun describe(conditions: List<Condition>): String =
		conditions.joinToString { "$type::${it.property} ${it.operator.word}" }

	private fun indexes(): String = this.entity.indexDefinitions.joinToString { definition ->
		val partition = definition.partition()
		if (partition == null) "${definition.index()} (computed)"
		else "${definition.index()} (partition '$partition'" +
			(definition.sort()?.let { ", sort '$it'" } ?: "") + ")"
	}.ifEmpty { "none but the type index" }

	/** The other indexes whose templates hold a property, for the message of a refusal. */
	private fun holders(property: String): String {
		val holding = this.entity.indexDefinitions.filter { definition ->
			(definition.partition()?.properties?.contains(property) == true
				|| definition.sort()?.properties?.contains(property) == true)
				&& (this.target as? Target.Index)?.name != definition.index()
		}
		return if (holding.isEmpty()) " (none does now: declare one with @IndexKey)"
		else " (" + holding.joinToString { definition ->
			"${definition.index()}: partition '${definition.partition()}'" +
				(definition.sort()?.let { ", sort '$it'" } ?: "")
		} + ")"
	}

}
