package dev.singletable.core.query

/**
 * Returns the items of type [T] on this page of the collection, in index order ([ItemCollection.get]):
 * `val orders = page.get<Order>()`.
 * @throws IllegalArgumentException when [T] is not one of the collection's types, naming them
 */
public inline fun <reified T : Any> ItemCollection.get(): List<T> = get(T::class.java)

/**
 * Returns the first item of type [T] on this page of the collection, such as the one customer of a customer's
 * collection ([ItemCollection.first]): `val customer = page.first<Customer>()`.
 * @return the item, or `null` when the page holds none of the type
 * @throws IllegalArgumentException when [T] is not one of the collection's types, naming them
 */
public inline fun <reified T : Any> ItemCollection.first(): T? = first(T::class.java).orElse(null)
