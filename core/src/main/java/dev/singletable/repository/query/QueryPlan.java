package dev.singletable.repository.query;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.data.repository.query.parser.Part;

import dev.singletable.core.spi.IndexOrdering;
import dev.singletable.core.spi.QueryDefinition;
import dev.singletable.core.mapping.KeyTemplate;
import dev.singletable.core.mapping.SingleTablePersistentEntity;

/**
 * How a query method reads: the query value every call starts from (its entity's query of the index), the templates
 * that turn arguments into key values, the sort key condition, and the predicates left for filtering. Built once
 * when the repository is created; a call only binds its arguments into {@link #query()} ({@link PartTreeBinding}).
 *
 * @param entity the entity queried
 * @param index the index name ({@code gsitype} for the type index)
 * @param partition the partition key template
 * @param partitionArguments for each property of {@code partition}, the index of the argument holding its value
 * @param sort the sort key condition, or {@literal null}
 * @param order the order the index returns, and so the one sort it accepts
 * @param filters the predicates evaluated as filters
 * @param ascending the order asked for by the method name, or {@literal null} for index order
 * @param in the {@code In} predicate on a partition property, which reads one partition per value, or
 * {@literal null}
 * @param sparseProperties the properties an {@code IsNotNull} asks for that the index holds in its keys: it
 * leaves out items without them, so no filter is needed
 * @param query the query of {@code entity} on {@code index}, before any argument is bound
 */
record QueryPlan(SingleTablePersistentEntity<?> entity, String index, KeyTemplate partition,
		List<Integer> partitionArguments, @Nullable SortCondition sort, IndexOrdering order,
		List<FilterCondition> filters, @Nullable Boolean ascending, @Nullable PartitionIn in,
		List<String> sparseProperties, QueryDefinition query) {

	/**
	 * Whether every filter goes to DynamoDB ({@literal false}: at least one is evaluated after reading).
	 * @return {@literal true} when DynamoDB evaluates all filters
	 */
	boolean serverSideFilters() {
		return this.filters.stream().allMatch(FilterCondition::serverSide);
	}

	/**
	 * An {@code In} on a property of the partition template: one partition per value, read as one query
	 * ({@code SingleTableQuery.partitionIn}) and merged in the index's order.
	 *
	 * @param property the property
	 * @param argument the index of the argument holding the values; {@code partitionArguments} names it too
	 * @param order the index's sort key template: the results are merged by the sort key it wrote, or
	 * {@literal null} when the index has no sort key (partitions follow each other)
	 */
	record PartitionIn(String property, int argument, @Nullable KeyTemplate order) {
	}

	/**
	 * A condition on the sort key.
	 *
	 * @param type the operator: one of the sort-capable {@link Part.Type}s, {@code SIMPLE_PROPERTY} for equality
	 * @param template the sort key template values are rendered with
	 * @param arguments argument indexes of the leading template properties (equality) or the operands
	 * @param prefixOnly whether the condition is {@code begins_with} on the rendered leading properties
	 */
	record SortCondition(Part.Type type, KeyTemplate template, List<Integer> arguments, boolean prefixOnly) {
	}

	/**
	 * A predicate on a property that no key covers, as the method name states it: what a call needs of the parsed
	 * {@link Part}, so that a plan made ahead of time (an AOT repository) binds without parsing the name.
	 *
	 * @param segment the first segment of the property path (a discriminator of a hierarchy selects types)
	 * @param path the property path, dotted
	 * @param type the operator
	 * @param arguments how many arguments the predicate takes
	 * @param firstArgument the index of its first argument
	 * @param serverSide whether DynamoDB evaluates it (a property of an uncompressed type, or a
	 * {@code @FilterMetadata} property of a compressed one) rather than the query after reading
	 */
	record FilterCondition(String segment, String path, Part.Type type, int arguments, int firstArgument,
			boolean serverSide) {

		FilterCondition(Part part, int firstArgument, boolean serverSide) {
			this(part.getProperty().getSegment(), part.getProperty().toDotPath(), part.getType(),
					part.getNumberOfArguments(), firstArgument, serverSide);
		}

		/** Whether the property is nested (its path has more than one segment). */
		boolean nested() {
			return !this.segment.equals(this.path);
		}

	}

}
