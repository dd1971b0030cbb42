package dev.singletable.core.internal.query;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;

import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.internal.item.TypeIndex;
import dev.singletable.core.mapping.IndexDefinition;
import dev.singletable.core.mapping.KeyTemplate;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.query.InvalidSortException;

/**
 * The one rule for which {@link Sort} a read of an index may ask for: DynamoDB returns the items of an index
 * partition in the order of the index's sort key, forward or backward, and nothing else. So a sort is accepted only
 * when it names the property that order follows, ascending or descending:
 * <ul>
 * <li>the type index ({@code gsitype}) sorted by {@code updated_at}: the {@code @LastModifiedDate} property, or the
 * stored name {@code updated_at};</li>
 * <li>an index sorted by the table's {@code pk} ({@code gsi1}, {@code gsi2}): the id property, and only it — the
 * creation time is not the id order, ids may be assigned;</li>
 * <li>an index with a sort template (the type index's own, {@code gsi3}, an index of the application's): the
 * template's leading property;</li>
 * <li>a computed sort key, or an index without one: no property.</li>
 * </ul>
 * Every refusal is an {@link InvalidSortException} naming the property, the index and the orders it supports.
 * Used by derived repository queries, the repositories' {@code findAll(Sort)}/{@code findAll(Pageable)} and the
 * template's query. Internal.
 */
public final class IndexOrder {

	private final String typeName;

	private final String index;

	private final String sortKey;

	private final @Nullable KeyTemplate template;

	private final List<String> sortable;

	private IndexOrder(String typeName, String index, String sortKey, @Nullable KeyTemplate template,
			List<String> sortable) {
		this.typeName = typeName;
		this.index = index;
		this.sortKey = sortKey;
		this.template = template;
		this.sortable = List.copyOf(sortable);
	}

	/**
	 * Returns the order in which an index returns the items of an entity type.
	 * @param entity the entity type
	 * @param index the index name, {@code gsitype} for the type index
	 * @return its order
	 */
	public static IndexOrder of(SingleTablePersistentEntity<?> entity, String index) {
		String type = entity.getType().getSimpleName();
		if (TypeIndex.NAME.equals(index)) {
			return typeIndex(entity, type);
		}
		IndexDefinition definition = entity.getIndexDefinition(index);
		if (definition == null) {
			return new IndexOrder(type, index, "none (" + type + " writes no keys of this index)", null, List.of());
		}
		String attribute = definition.sortAttribute();
		if (attribute == null) {
			return new IndexOrder(type, index, "none: the index has a partition key only, so it returns no defined "
					+ "order", null, List.of());
		}
		if (!definition.sortWritten() && ItemAttributes.PK.equals(attribute)) {
			String id = entity.getRequiredIdProperty().getName();
			return new IndexOrder(type, index, "the table's pk, '" + entity.getPartitionKeyPrefix() + "{" + id
					+ "}': the order of the ids (not the creation order: ids may be assigned)", null, List.of(id));
		}
		KeyTemplate sort = definition.sort();
		if (definition.method() != null || sort == null) {
			return new IndexOrder(type, index, "'" + attribute + "', computed by a method, so no property follows "
					+ "its order", null, List.of());
		}
		return templated(type, index, attribute, sort);
	}

	private static IndexOrder typeIndex(SingleTablePersistentEntity<?> entity, String type) {
		KeyTemplate template = TypeIndex.sortTemplate(entity);
		if (TypeIndex.sortsByModification(entity)) {
			List<String> sortable = new ArrayList<>();
			if (template != null) {
				sortable.add(template.getProperties().get(0));
			}
			sortable.add(ItemAttributes.UPDATED_AT);
			return new IndexOrder(type, TypeIndex.NAME, "'" + TypeIndex.SORT_ATTRIBUTE + "', the modification time ("
					+ ItemAttributes.UPDATED_AT + ")", template, sortable);
		}
		if (template == null) {
			return new IndexOrder(type, TypeIndex.NAME, "'" + TypeIndex.SORT_ATTRIBUTE + "', computed by a method, "
					+ "so no property follows its order", null, List.of());
		}
		return templated(type, TypeIndex.NAME, TypeIndex.SORT_ATTRIBUTE, template);
	}

	private static IndexOrder templated(String type, String index, String attribute, KeyTemplate sort) {
		List<String> sortable = sort.getProperties().isEmpty() ? List.of() : List.of(sort.getProperties().get(0));
		return new IndexOrder(type, index, "'" + attribute + "', written from the template '" + sort + "'", sort,
				sortable);
	}

	/**
	 * Returns the index.
	 * @return the index name
	 */
	public String index() {
		return this.index;
	}

	/**
	 * Returns the type index sort template a derived query renders sort conditions with.
	 * @return the template, or {@literal null} when no property maps onto the sort key
	 */
	public @Nullable KeyTemplate template() {
		return this.template;
	}

	/**
	 * Returns the names a {@link Sort} may order by, one at a time, ascending or descending.
	 * @return the names, empty when the index's order follows no property
	 */
	public List<String> sortableProperties() {
		return this.sortable;
	}

	/**
	 * Whether a property names the index's order.
	 * @param property the property
	 * @return {@literal true} when sorting by it (ascending or descending) is the index's order
	 */
	public boolean follows(String property) {
		return this.sortable.contains(property);
	}

	/**
	 * Returns the direction to read the index in for a sort.
	 * @param sort the sort asked for
	 * @param what what is sorted, for the message (e.g. {@code list Book} or a repository method)
	 * @return {@literal true} for ascending, {@literal false} for descending, {@literal null} for
	 * {@link Sort#unsorted()} (the index order)
	 * @throws InvalidSortException when the sort asks for another property, several properties or case folding
	 */
	public @Nullable Boolean direction(Sort sort, String what) {
		List<Sort.Order> orders = sort.toList();
		if (orders.isEmpty()) {
			return null;
		}
		Sort.Order order = orders.get(0);
		String problem = (orders.size() > 1) ? "it sorts by " + orders.size() + " properties"
				: order.isIgnoreCase() ? "it ignores case, which a DynamoDB sort key never does"
						: !follows(order.getProperty()) ? "'" + order.getProperty() + "' is not what its sort key holds"
								: null;
		if (problem != null) {
			throw refusal(sort, what, problem);
		}
		return order.isAscending();
	}

	/**
	 * Returns the exception refusing a sort.
	 * @param sort the sort
	 * @param what what is sorted, for the message
	 * @param problem why it is refused
	 * @return the exception, naming the property, the index and the orders it supports
	 */
	public InvalidSortException refusal(Sort sort, String what, String problem) {
		return new InvalidSortException("Cannot " + what + " sorted by " + sort + " (" + problem + "): index '"
				+ this.index + "' returns " + this.typeName + " ordered by its sort key, " + this.sortKey
				+ ", so it supports " + supported() + ". Sort in memory, or read an index whose sort key holds "
				+ "the property", this.sortable);
	}

	/**
	 * Describes the orders the index supports.
	 * @return e.g. {@code id ascending or descending, or no sort}
	 */
	public String supported() {
		if (this.sortable.isEmpty()) {
			return "no sort by any property (unsorted only)";
		}
		return "a sort by " + ((this.sortable.size() > 1) ? "one of " : "") + this.sortable
				+ ", ascending or descending, without ignoring case (or no sort: ascending)";
	}

}
