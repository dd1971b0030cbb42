package dev.singletable.core.spi;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;

import dev.singletable.core.internal.query.IndexOrder;
import dev.singletable.core.mapping.KeyTemplate;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.query.InvalidSortException;

/**
 * The order in which an index returns an entity's items, and which {@link Sort} asks for it: what a repository checks
 * a method's order or a dynamic sort against, with the messages the template's queries give.
 */
public final class IndexOrdering {

	private final IndexOrder order;

	private IndexOrdering(IndexOrder order) {
		this.order = order;
	}

	/**
	 * Returns the order of an index of an entity.
	 * @param entity the entity
	 * @param index the index ({@link TypeIndexes#NAME} for the type index)
	 * @return its order
	 */
	public static IndexOrdering of(SingleTablePersistentEntity<?> entity, String index) {
		return new IndexOrdering(IndexOrder.of(entity, index));
	}

	/**
	 * Returns the sort template a derived query renders sort conditions with.
	 * @return the template, or {@literal null} when no property maps onto the sort key
	 */
	public @Nullable KeyTemplate template() {
		return this.order.template();
	}

	/**
	 * Returns the names a {@link Sort} may order by, one at a time, ascending or descending.
	 * @return the names, empty when the index's order follows no property
	 */
	public List<String> sortableProperties() {
		return this.order.sortableProperties();
	}

	/**
	 * Whether a property names the index's order.
	 * @param property the property
	 * @return {@literal true} when sorting by it (ascending or descending) is the index's order
	 */
	public boolean follows(String property) {
		return this.order.follows(property);
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
		return this.order.direction(sort, what);
	}

	/**
	 * Describes the orders the index supports.
	 * @return e.g. {@code id ascending or descending, or no sort}
	 */
	public String supported() {
		return this.order.supported();
	}

}
