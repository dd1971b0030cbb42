package dev.singletable.repository.query;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.repository.query.parser.AbstractQueryCreator;
import org.springframework.data.repository.query.parser.Part;
import org.springframework.data.repository.query.parser.PartTree;

import dev.singletable.core.spi.StoredItems;
import dev.singletable.core.spi.TypeIndexes;
import dev.singletable.core.spi.IndexOrdering;
import dev.singletable.core.spi.QueryDefinition;
import dev.singletable.core.mapping.IndexDefinition;
import dev.singletable.core.mapping.KeyTemplate;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import dev.singletable.core.query.SingleTableQuery;

/**
 * Maps a {@link PartTree} onto the indexes an entity declares: equality on every property of an index's
 * partition template selects the index, a following predicate on its sort template becomes the key condition
 * ({@code =}, {@code <}, {@code <=}, {@code >}, {@code >=}, {@code BETWEEN}, {@code begins_with}), and anything
 * else becomes a filter, but only when filtering is allowed. A method no index covers, an unsupported keyword, or
 * an order by something other than the index's sort key fails here, naming the method, the candidate indexes and
 * what each lacks. There is never a fallback to a scan.
 */
class SingleTableQueryCreator extends AbstractQueryCreator<QueryPlan, List<Part>> {

	/** Keywords a sort key condition can express. */
	static final Set<Part.Type> SORT_TYPES = EnumSet.of(Part.Type.SIMPLE_PROPERTY, Part.Type.LESS_THAN,
			Part.Type.LESS_THAN_EQUAL, Part.Type.GREATER_THAN, Part.Type.GREATER_THAN_EQUAL, Part.Type.BETWEEN,
			Part.Type.AFTER, Part.Type.BEFORE, Part.Type.STARTING_WITH);

	/** What selects the types of a hierarchy by its discriminator. */
	private static final Set<Part.Type> DISCRIMINATOR_TYPES = EnumSet.of(Part.Type.SIMPLE_PROPERTY,
			Part.Type.NEGATING_SIMPLE_PROPERTY, Part.Type.IN, Part.Type.NOT_IN);

	/** Keywords a filter can express. */
	static final Set<Part.Type> FILTER_TYPES = EnumSet.of(Part.Type.SIMPLE_PROPERTY, Part.Type.NEGATING_SIMPLE_PROPERTY,
			Part.Type.LESS_THAN, Part.Type.LESS_THAN_EQUAL, Part.Type.GREATER_THAN, Part.Type.GREATER_THAN_EQUAL,
			Part.Type.BETWEEN, Part.Type.AFTER, Part.Type.BEFORE, Part.Type.STARTING_WITH, Part.Type.CONTAINING,
			Part.Type.NOT_CONTAINING, Part.Type.IN, Part.Type.NOT_IN, Part.Type.IS_NULL, Part.Type.IS_NOT_NULL,
			Part.Type.TRUE, Part.Type.FALSE);

	/** What a method may use, for messages. */
	static final String SUPPORTED = "equality on the partition template's properties, or In on one of them (one "
			+ "query per value, at most " + SingleTableQuery.MAX_PARTITIONS + " values, merged in index order); "
			+ "on the sort template Is/Equals, Between, LessThan, LessThanEqual, GreaterThan, GreaterThanEqual, Before, "
			+ "After, StartingWith; IsNotNull on a property of a sparse index's keys; OrderBy the sort key; "
			+ "First/Top, Sort, Pageable and Limit parameters; and with @AllowFiltering, as filters: Not, Containing, "
			+ "NotContaining, In, NotIn, IsNull, IsNotNull, True, False and the comparisons above";

	private final PartTree tree;

	private final SingleTablePersistentEntity<?> entity;

	private final String methodName;

	private final boolean allowFiltering;

	/**
	 * Creates a creator.
	 * @param tree the parsed method name
	 * @param entity the entity queried
	 * @param methodName the method, for messages (e.g. {@code TaskRepository.findByTitle})
	 * @param allowFiltering whether predicates no key covers may become filters
	 */
	public SingleTableQueryCreator(PartTree tree, SingleTablePersistentEntity<?> entity, String methodName,
			boolean allowFiltering) {
		super(tree);
		this.tree = tree;
		this.entity = entity;
		this.methodName = methodName;
		this.allowFiltering = allowFiltering;
	}

	@Override
	protected List<Part> create(Part part, Iterator<Object> iterator) {
		check(part);
		List<Part> parts = new ArrayList<>();
		parts.add(part);
		return parts;
	}

	@Override
	protected List<Part> and(Part part, List<Part> base, Iterator<Object> iterator) {
		check(part);
		base.add(part);
		return base;
	}

	@Override
	protected List<Part> or(List<Part> base, List<Part> criteria) {
		throw fail("'Or' is not supported: a DynamoDB query reads one partition of one index. Declare two methods, "
				+ "or one index key that covers both cases. Indexes: " + indexes());
	}

	private void check(Part part) {
		if (HierarchyView.isDiscriminator(this.entity, part.getProperty().getSegment())
				&& !DISCRIMINATOR_TYPES.contains(part.getType())) {
			throw fail("the keyword " + String.join("/", part.getType().getKeywords()) + " on '"
					+ part.getProperty().toDotPath() + "', the discriminator of " + this.entity.getType().getSimpleName()
					+ ", is not supported: select types by equality, Not, In or NotIn");
		}
		if (part.shouldIgnoreCase() == Part.IgnoreCaseType.ALWAYS
				|| part.shouldIgnoreCase() == Part.IgnoreCaseType.WHEN_POSSIBLE) {
			throw fail("'IgnoreCase' on '" + part.getProperty().toDotPath()
					+ "' is not supported: DynamoDB compares strings exactly. Store a normalized copy of the value and "
					+ "use it in an index key. Indexes: " + indexes());
		}
		if (!FILTER_TYPES.contains(part.getType())) {
			throw fail("the keyword " + String.join("/", part.getType().getKeywords()) + " (" + part.getType()
					+ ") on '" + part.getProperty().toDotPath() + "' is not supported. Supported are " + SUPPORTED
					+ ". Indexes: " + indexes());
		}
	}

	@Override
	protected QueryPlan complete(@Nullable List<Part> criteria, Sort sort) {
		List<Part> parts = (criteria != null) ? criteria : List.of();
		Map<Part, Integer> arguments = new LinkedHashMap<>();
		int next = 0;
		for (Part part : parts) {
			arguments.put(part, next);
			next += part.getNumberOfArguments();
		}
		Sort.Order order = singleOrder(this.tree.getSort());
		List<String> reasons = new ArrayList<>();
		QueryPlan best = null;
		int bestScore = Integer.MIN_VALUE;
		for (Candidate candidate : candidates()) {
			Attempt attempt = new Attempt(candidate, parts, arguments, order);
			if (attempt.reason != null) {
				reasons.add(candidate.describe() + " " + attempt.reason);
				continue;
			}
			if (attempt.score > bestScore) {
				best = attempt.plan;
				bestScore = attempt.score;
			}
		}
		if (best == null) {
			throw fail("no index covers it. Candidates: " + String.join("; ", reasons) + ". Declare an @IndexKey whose "
					+ "templates use these properties, annotate the method with @AllowFiltering to filter, or use @IndexQuery");
		}
		return best;
	}

	private Sort.@Nullable Order singleOrder(Sort sort) {
		List<Sort.Order> orders = sort.toList();
		if (orders.size() > 1) {
			throw fail("it orders by " + orders.size() + " properties; an index returns one order, by its sort key");
		}
		if (!orders.isEmpty() && orders.get(0).isIgnoreCase()) {
			throw fail("ordering ignoring case is not supported");
		}
		return orders.isEmpty() ? null : orders.get(0);
	}

	private List<Candidate> candidates() {
		List<Candidate> candidates = new ArrayList<>();
		IndexDefinition typeIndex = null;
		for (IndexDefinition definition : this.entity.getIndexDefinitions()) {
			if (definition.isTypeIndex()) {
				typeIndex = definition;
				continue;
			}
			if (definition.partition() == null) {
				continue;
			}
			if (definition.sortWritten()) {
				candidates.add(new Candidate(definition.index(), definition.partition(), definition.sort(), false));
			}
			else if (StoredItems.PK.equals(definition.sortAttribute())) {
				candidates.add(new Candidate(definition.index(), definition.partition(), pkTemplate(), true));
			}
			else {
				candidates.add(new Candidate(definition.index(), definition.partition(), null, false));
			}
		}
		if (typeIndex == null) {
			typeIndex = TypeIndexes.defaultDefinition(this.entity);
		}
		if (typeIndex.partition() != null && typeIndex.method() == null) {
			candidates.add(new Candidate(StoredItems.TYPE_INDEX, typeIndex.partition(),
					TypeIndexOrder.of(this.entity).template(), false));
		}
		return candidates;
	}

	/** The indexes a method of the entity could read, for the failures that do not try them. */
	private String indexes() {
		return String.join("; ", candidates().stream().map(Candidate::describe).toList());
	}

	private KeyTemplate pkTemplate() {
		// the partition key as ItemLayout writes it, SINGLETON#{id} for a singleton type
		String id = this.entity.getRequiredIdProperty().getName();
		return KeyTemplate.parse(this.entity.getPartitionKeyPrefix() + "{" + id + "}",
				KeyTemplate.Role.PARTITION);
	}

	private RuntimeException fail(String reason) {
		return new UnsupportedQueryMethodException("Cannot derive a query for " + this.methodName + " on "
				+ this.entity.getType().getSimpleName() + ": " + reason + ".");
	}

	/**
	 * An index a method could read.
	 */
	private record Candidate(String index, KeyTemplate partition, @Nullable KeyTemplate sort, boolean sortedByPk) {

		String describe() {
			String order = sortedByPk ? ", sorted by id" : (sort != null) ? ", sort '" + sort + "'" : "";
			return index + " (partition '" + partition + "'" + order + ")";
		}

	}

	/**
	 * The outcome of fitting a method onto one candidate.
	 */
	private final class Attempt {

		private @Nullable String reason;

		private @Nullable QueryPlan plan;

		private int score;

		Attempt(Candidate candidate, List<Part> parts, Map<Part, Integer> arguments, Sort.@Nullable Order order) {
			List<Part> left = new ArrayList<>(parts);
			List<Integer> partitionArguments = new ArrayList<>();
			List<String> missing = new ArrayList<>();
			QueryPlan.PartitionIn in = null;
			for (String property : candidate.partition().getProperties()) {
				Part equality = find(left, property, EnumSet.of(Part.Type.SIMPLE_PROPERTY));
				if (equality == null && in == null) {
					equality = find(left, property, EnumSet.of(Part.Type.IN));
					if (equality != null) {
						in = new QueryPlan.PartitionIn(property, arguments.get(equality), candidate.sort());
					}
				}
				if (equality == null) {
					missing.add(property);
				}
				else {
					left.remove(equality);
					partitionArguments.add(arguments.get(equality));
				}
			}
			if (!missing.isEmpty()) {
				this.reason = "needs equality on " + missing + hint(left, missing, candidate, in != null);
				return;
			}
			boolean sparse = !StoredItems.TYPE_INDEX.equals(candidate.index());
			List<String> keyProperties = new ArrayList<>(candidate.partition().getProperties());
			if (candidate.sort() != null) {
				keyProperties.addAll(candidate.sort().getProperties());
			}
			if (sparse) {
				for (Part part : left) {
					if (part.getType() == Part.Type.IS_NULL && !part.getProperty().hasNext()
							&& keyProperties.contains(part.getProperty().getSegment())) {
						this.reason = "leaves out every item whose '" + part.getProperty().getSegment() + "' is null "
								+ "(a sparse index: its keys are written only with a value), so IsNull cannot be read from it";
						return;
					}
				}
			}
			QueryPlan.SortCondition sortCondition = null;
			IndexOrdering indexOrder = IndexOrdering.of(SingleTableQueryCreator.this.entity, candidate.index());
			if (candidate.sort() != null) {
				sortCondition = sortCondition(candidate.sort(), left, arguments);
			}
			List<String> sparseProperties = new ArrayList<>();
			if (sparse) {
				for (Part part : List.copyOf(left)) {
					if (part.getType() == Part.Type.IS_NOT_NULL && !part.getProperty().hasNext()
							&& keyProperties.contains(part.getProperty().getSegment())) {
						left.remove(part);
						sparseProperties.add(part.getProperty().getSegment());
					}
				}
			}
			List<String> unset = (sparse && !candidate.sortedByPk())
					? unconstrained(candidate, sortCondition, sparseProperties) : List.of();
			if (!unset.isEmpty() && !candidate.partition().hasProperties()) {
				this.reason = "holds only the items whose " + unset + " has a value (a sparse index: an item is in it "
						+ "only when its keys render), which the method does not ask for; add IsNotNull or a condition "
						+ "on it to read this index";
				return;
			}
			Boolean ascending = null;
			if (order != null) {
				if (!indexOrder.follows(order.getProperty())) {
					this.reason = "cannot order by '" + order.getProperty() + "': it supports " + indexOrder.supported();
					return;
				}
				ascending = order.isAscending();
			}
			SingleTablePersistentEntity<?> entity = SingleTableQueryCreator.this.entity;
			List<QueryPlan.FilterCondition> filters = new ArrayList<>();
			for (Part part : left) {
				// a compressed type's properties are inside data, except those it copies into metadata
				SingleTablePersistentProperty property = entity.getPersistentProperty(part.getProperty().getSegment());
				boolean serverSide = !HierarchyView.isDiscriminator(entity, part.getProperty().getSegment())
						&& (!entity.isCompressed() || (property != null && property.isFilterMetadataProperty()));
				filters.add(new QueryPlan.FilterCondition(part, arguments.get(part), serverSide));
			}
			// selecting types of a hierarchy is an access pattern of its own: it needs no @AllowFiltering
			List<Part> filtered = left.stream()
				.filter((part) -> !HierarchyView.isDiscriminator(entity, part.getProperty().getSegment()))
				.toList();
			if (!filtered.isEmpty() && !SingleTableQueryCreator.this.allowFiltering) {
				this.reason = "would filter on " + filtered.stream().map((part) -> part.getProperty().toDotPath()).toList()
						+ " (annotate the method with @AllowFiltering to allow it)";
				return;
			}
			for (QueryPlan.FilterCondition filter : filters) {
				if (!filter.serverSide() && filter.nested()) {
					this.reason = "would filter on the nested property '" + filter.path()
							+ "' of a compressed type, which is only possible on top-level properties";
					return;
				}
			}
			// an index that may leave out items the method asks for loses to one that holds them all
			this.score = (parts.size() - left.size()) * 10 + ((sortCondition != null) ? 5 : 0)
					+ ((ascending != null) ? 2 : 0) - (StoredItems.TYPE_INDEX.equals(candidate.index()) ? 1 : 0)
					- (unset.isEmpty() ? 0 : 3);
			this.plan = new QueryPlan(SingleTableQueryCreator.this.entity, candidate.index(), candidate.partition(),
					List.copyOf(partitionArguments), sortCondition, indexOrder, List.copyOf(filters),
					ascending, in, List.copyOf(sparseProperties),
					QueryDefinition.of(SingleTableQueryCreator.this.entity).withIndex(candidate.index()));
		}

		/**
		 * The properties of a secondary index's sort template whose value the method leaves open: an item without
		 * one is not in the index, so reading it would leave that item out.
		 */
		private List<String> unconstrained(Candidate candidate, QueryPlan.@Nullable SortCondition sortCondition,
				List<String> sparseProperties) {
			if (candidate.sort() == null) {
				return List.of();
			}
			List<String> properties = candidate.sort().getProperties();
			int conditioned = (sortCondition == null) ? 0
					: (properties.size() == 1) ? 1 : sortCondition.arguments().size();
			List<String> unset = new ArrayList<>();
			for (int i = conditioned; i < properties.size(); i++) {
				String property = properties.get(i);
				if (!sparseProperties.contains(property) && !candidate.partition().getProperties().contains(property)
						&& !isStamped(property)) {
					unset.add(property);
				}
			}
			return unset;
		}

		/** Whether every stored item has a value of the property: the id, version and timestamps the template sets. */
		private boolean isStamped(String name) {
			SingleTablePersistentProperty property = SingleTableQueryCreator.this.entity.getPersistentProperty(name);
			return property != null && (property.isIdProperty() || property.isVersionProperty()
					|| property.isCreatedDateProperty() || property.isLastModifiedDateProperty());
		}

		/** Why a keyword on a missing partition property cannot select the candidate, when the method has one. */
		private String hint(List<Part> left, List<String> missing, Candidate candidate, boolean hasIn) {
			for (Part part : left) {
				String property = part.getProperty().getSegment();
				if (part.getProperty().hasNext() || !missing.contains(property)) {
					continue;
				}
				switch (part.getType()) {
					case IN -> {
						return hasIn ? " (In is possible on one partition property only)" : "";
					}
					case IS_NOT_NULL -> {
						return " (it is partitioned by '" + property + "', so a query needs its value; for IsNotNull "
								+ "without a value, declare an index whose sort template holds '" + property + "' under a "
								+ "fixed partition, e.g. @IndexKey(index = \"" + candidate.index() + "\", partition = \"...\", "
								+ "sort = \"{" + property + "}\"): it holds only the items that have one)";
					}
					case IS_NULL -> {
						return " (it is partitioned by '" + property + "', so items whose '" + property
								+ "' is null are not in it at all)";
					}
					default -> {
					}
				}
			}
			return "";
		}

		private QueryPlan.@Nullable SortCondition sortCondition(KeyTemplate sort, List<Part> left,
				Map<Part, Integer> arguments) {
			List<String> properties = sort.getProperties();
			if (properties.size() == 1) {
				Part part = find(left, properties.get(0), SORT_TYPES);
				if (part == null) {
					return null;
				}
				left.remove(part);
				List<Integer> operands = new ArrayList<>();
				for (int i = 0; i < part.getNumberOfArguments(); i++) {
					operands.add(arguments.get(part) + i);
				}
				return new QueryPlan.SortCondition(part.getType(), sort, List.copyOf(operands), false);
			}
			List<Integer> leading = new ArrayList<>();
			for (String property : properties) {
				Part equality = find(left, property, EnumSet.of(Part.Type.SIMPLE_PROPERTY));
				if (equality == null) {
					break;
				}
				left.remove(equality);
				leading.add(arguments.get(equality));
			}
			if (leading.isEmpty()) {
				return null;
			}
			return new QueryPlan.SortCondition(Part.Type.SIMPLE_PROPERTY, sort, List.copyOf(leading),
					leading.size() < properties.size());
		}

		private @Nullable Part find(List<Part> parts, String property, Set<Part.Type> types) {
			for (Part part : parts) {
				if (!part.getProperty().hasNext() && part.getProperty().getSegment().equals(property)
						&& types.contains(part.getType())) {
					return part;
				}
			}
			return null;
		}

	}

}
