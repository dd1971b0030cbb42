package dev.singletable.repository.query;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;

import dev.singletable.core.internal.format.ItemAttributes;
import dev.singletable.core.internal.layout.TypeIndex;
import dev.singletable.core.mapping.KeyTemplate;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.query.InvalidSortException;

/**
 * The order in which the type index ({@code gsitype}) returns the items of an entity type, and so the only
 * {@link Sort} a listing of the type can honour: its sort key {@code gsitypesk}, which holds {@code updated_at}
 * unless the entity declares {@code @IndexKey(index = "gsitype", sort = ...)} (the key itself is
 * {@link TypeIndex}'s rule; this class says which {@link Sort} names it). Internal: used by derived queries
 * and by the repositories' {@code findAll(Sort)}/{@code findAll(Pageable)}; not meant for application code.
 */
public final class TypeIndexOrder {

	private final String typeName;

	private final @Nullable KeyTemplate template;

	private final List<String> sortable;

	private TypeIndexOrder(String typeName, @Nullable KeyTemplate template, List<String> sortable) {
		this.typeName = typeName;
		this.template = template;
		this.sortable = List.copyOf(sortable);
	}

	/**
	 * Returns the type index order of an entity type.
	 * @param entity the entity
	 * @return its order
	 */
	public static TypeIndexOrder of(SingleTablePersistentEntity<?> entity) {
		KeyTemplate template = TypeIndex.sortTemplate(entity);
		List<String> sortable = new ArrayList<>();
		if (template != null && !template.getProperties().isEmpty()) {
			sortable.add(template.getProperties().get(0));
		}
		if (TypeIndex.sortsByModification(entity)) {
			sortable.add(ItemAttributes.UPDATED_AT);
		}
		return new TypeIndexOrder(entity.getType().getSimpleName(), template, sortable);
	}

	/**
	 * Returns the sort key template a derived query renders type index sort conditions with.
	 * @return the template, or {@literal null} when no property maps onto the sort key
	 */
	@Nullable KeyTemplate template() {
		return this.template;
	}

	/**
	 * Returns the names a {@link Sort} may order a listing by: the property the sort key holds and, for the
	 * default sort key, its stored name {@code updated_at}.
	 * @return the names, possibly empty (a computed sort key)
	 */
	public List<String> sortableProperties() {
		return this.sortable;
	}

	/**
	 * Returns the direction a listing reads in for the given sort.
	 * @param sort the sort asked for
	 * @return {@literal true} for ascending (also for {@link Sort#unsorted()}, the index order)
	 * @throws InvalidSortException when the sort asks for another property, several properties or case folding
	 */
	public boolean isAscending(Sort sort) {
		List<Sort.Order> orders = sort.toList();
		if (orders.isEmpty()) {
			return true;
		}
		Sort.Order order = orders.get(0);
		if (orders.size() > 1 || !this.sortable.contains(order.getProperty()) || order.isIgnoreCase()) {
			throw new InvalidSortException("Cannot list " + this.typeName + " sorted by " + sort + ": the type index "
					+ "returns it ordered by its sort key only, so it can be sorted by "
					+ (this.sortable.isEmpty() ? "nothing (its sort key is computed)" : "one of " + this.sortable)
					+ ", ascending or descending, without ignoring case; sort in memory or declare an index for "
					+ "another order", this.sortable);
		}
		return order.isAscending();
	}

}
