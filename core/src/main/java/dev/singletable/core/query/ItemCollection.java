package dev.singletable.core.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * One page of an item collection: the items of several entity types that share an index partition (a customer, its
 * orders and its invoices under {@code customer#c1}), read with one {@code Query} and returned grouped by type, each
 * item as its own type, in index order within its group.
 * <pre class="code">
 * ItemCollection customer = template.queryCollection("gsi1", Customer.class, Order.class, Invoice.class)
 *     .partition("customer#" + customerId)
 *     .limit(50)
 *     .collection(cursor);
 * Customer profile = customer.first(Customer.class).orElseThrow();
 * List&lt;Order&gt; orders = customer.get(Order.class);
 * String next = customer.nextCursor();     // the next page of the whole collection
 * </pre>
 * The cursor continues the collection, not one type: a page holds what the index returns next, whatever its types.
 */
public final class ItemCollection {

	private final Set<Class<?>> types;

	private final List<Object> items;

	private final Map<Class<?>, List<Object>> groups;

	private final @Nullable String nextCursor;

	private final int requests;

	private ItemCollection(Set<Class<?>> types, List<Object> items, @Nullable String nextCursor, int requests) {
		this.types = Collections.unmodifiableSet(types);
		this.items = List.copyOf(items);
		Map<Class<?>, List<Object>> groups = new LinkedHashMap<>();
		types.forEach((type) -> groups.put(type, new ArrayList<>()));
		for (Object item : items) {
			for (Class<?> type : types) {
				if (type.isInstance(item)) {
					groups.get(type).add(item);
					break;
				}
			}
		}
		groups.replaceAll((type, group) -> List.copyOf(group));
		this.groups = Collections.unmodifiableMap(groups);
		this.nextCursor = nextCursor;
		this.requests = requests;
	}

	/**
	 * Groups a page of a query over several types.
	 * @param page the page, its items in index order
	 * @param types the types the query reads, in the order {@link #types()} lists them
	 * @return the collection's page
	 */
	public static ItemCollection of(QueryPage<?> page, Collection<Class<?>> types) {
		Assert.notNull(page, "Page must not be null");
		Assert.notEmpty(types, "At least one type is needed");
		return new ItemCollection(new LinkedHashSet<>(types), new ArrayList<>(page.items()), page.nextCursor(),
				page.requests());
	}

	/**
	 * Returns the items of one type, in index order.
	 * @param type one of the collection's types
	 * @return the items, empty when the page holds none of the type
	 * @throws IllegalArgumentException when the type is not one of the collection's, naming them
	 */
	@SuppressWarnings("unchecked")
	public <T> List<T> get(Class<T> type) {
		List<Object> group = this.groups.get(type);
		if (group == null) {
			throw new IllegalArgumentException(type.getName() + " is not one of the collection's types: "
					+ this.types.stream().map(Class::getSimpleName).collect(Collectors.joining(", ")));
		}
		return (List<T>) group;
	}

	/**
	 * Returns the first item of one type, such as the one customer of a customer's collection.
	 * @param type one of the collection's types
	 * @return the item, empty when the page holds none of the type
	 * @throws IllegalArgumentException when the type is not one of the collection's
	 */
	public <T> Optional<T> first(Class<T> type) {
		List<T> group = get(type);
		return group.isEmpty() ? Optional.empty() : Optional.of(group.get(0));
	}

	/**
	 * Returns the collection's types.
	 */
	public Set<Class<?>> types() {
		return this.types;
	}

	/**
	 * Returns every item of the page, in index order, each as its own type.
	 */
	public List<Object> items() {
		return this.items;
	}

	/**
	 * Returns how many items the page holds.
	 */
	public int size() {
		return this.items.size();
	}

	/**
	 * Returns whether the page holds no item.
	 */
	public boolean isEmpty() {
		return this.items.isEmpty();
	}

	/**
	 * Returns the cursor of the collection's next page, or {@literal null} when this is the last.
	 */
	public @Nullable String nextCursor() {
		return this.nextCursor;
	}

	/**
	 * Returns whether another page follows.
	 */
	public boolean hasNext() {
		return this.nextCursor != null;
	}

	/**
	 * Returns how many {@code Query} requests reading the page took.
	 */
	public int requests() {
		return this.requests;
	}

	@Override
	public String toString() {
		return this.groups.entrySet()
			.stream()
			.map((group) -> group.getKey().getSimpleName() + "=" + group.getValue().size())
			.collect(Collectors.joining(", ", "ItemCollection[", (this.nextCursor != null) ? ", more]" : "]"));
	}

}
