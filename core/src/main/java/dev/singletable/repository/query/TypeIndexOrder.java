package dev.singletable.repository.query;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;

import dev.singletable.core.spi.TypeIndexes;
import dev.singletable.core.spi.IndexOrdering;
import dev.singletable.core.mapping.KeyTemplate;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.query.InvalidSortException;

/**
 * The order in which the type index ({@code gsitype}) returns the items of an entity type, and so the only
 * {@link Sort} a listing of the type can honour: its sort key {@code gsitypesk}, which holds {@code updated_at}
 * unless the entity declares {@code @IndexKey(index = "gsitype", sort = ...)} (the key itself is
 * {@link TypeIndexes}'s rule; this class says which {@link Sort} names it). Internal: used by derived queries
 * and by the repositories' {@code findAll(Sort)}/{@code findAll(Pageable)}; not meant for application code.
 */
public final class TypeIndexOrder {

	private final String typeName;

	private final IndexOrdering order;

	private TypeIndexOrder(String typeName, IndexOrdering order) {
		this.typeName = typeName;
		this.order = order;
	}

	/**
	 * Returns the type index order of an entity type.
	 * @param entity the entity
	 * @return its order
	 */
	public static TypeIndexOrder of(SingleTablePersistentEntity<?> entity) {
		return new TypeIndexOrder(entity.getType().getSimpleName(), IndexOrdering.of(entity, TypeIndexes.NAME));
	}

	/**
	 * Returns the sort key template a derived query renders type index sort conditions with.
	 * @return the template, or {@literal null} when no property maps onto the sort key
	 */
	@Nullable KeyTemplate template() {
		return this.order.template();
	}

	/**
	 * Returns the names a {@link Sort} may order a listing by: the property the sort key holds and, for the
	 * default sort key, its stored name {@code updated_at}.
	 * @return the names, possibly empty (a computed sort key)
	 */
	public List<String> sortableProperties() {
		return this.order.sortableProperties();
	}

	/**
	 * Returns the direction a listing reads in for the given sort.
	 * @param sort the sort asked for
	 * @return {@literal true} for ascending (also for {@link Sort#unsorted()}, the index order)
	 * @throws InvalidSortException when the sort asks for another property, several properties or case folding
	 */
	public boolean isAscending(Sort sort) {
		return !Boolean.FALSE.equals(this.order.direction(sort, "list " + this.typeName));
	}

}
