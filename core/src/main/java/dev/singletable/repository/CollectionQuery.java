package dev.singletable.repository;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a query method that reads an item collection: several entity types sharing a partition of one index,
 * one {@code Query} per page, returned as an {@link dev.singletable.core.query.ItemCollection ItemCollection}
 * ({@code Mono<ItemCollection>} in a reactive repository) grouped by type. The first parameter is the partition key
 * value, as {@link IndexQuery @IndexQuery} takes it; a {@code String} parameter after it is the cursor of the page
 * to read ({@literal null} for the first: {@code ItemCollection.nextCursor()} gives the next), and a {@code Limit}
 * sets the page size. The types must declare the index with one partition template, up to the names
 * of the properties it renders: the repository is refused at start-up otherwise, naming what differs.
 * <pre class="code">
 * &#64;CollectionQuery(index = "gsi1", types = { Customer.class, Order.class, Invoice.class })
 * ItemCollection findCustomerView(String customerKey, &#64;Nullable String cursor, Limit limit);
 * </pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CollectionQuery {

	/**
	 * The index the types share.
	 * @return the index name
	 */
	String index();

	/**
	 * The collection's entity types, at least two; the repository's own type need not be one of them.
	 * @return the types
	 */
	Class<?>[] types();

}
