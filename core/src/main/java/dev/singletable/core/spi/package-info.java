/**
 * What modules built on core need of it beyond its API: the repository support ({@code dev.singletable.repository}),
 * the console and the Kotlin extensions. It is a service provider interface, not an application's API: small facades
 * over core's internal packages ({@code dev.singletable.core.internal}, which no module outside core may import, an
 * ArchUnit rule in each checks it), so that the internals can change without touching those modules.
 * <ul>
 * <li>{@link dev.singletable.core.spi.StoredItems}: the attribute names of a stored item and its size;</li>
 * <li>{@link dev.singletable.core.spi.TypeIndexes}: the keys an entity writes to the type index;</li>
 * <li>{@link dev.singletable.core.spi.QueryDefinition} and {@link dev.singletable.core.spi.IndexOrdering}: a query
 * as one value, which a repository method plans at start-up and binds at each call, and the order an index returns;
 * </li>
 * <li>{@link dev.singletable.core.spi.ReactiveWriteGuards}: the refusal of a reactive write inside a blocking
 * transaction, the reactive template's own writes checked by it too.</li>
 * </ul>
 */
@NullMarked
package dev.singletable.core.spi;

import org.jspecify.annotations.NullMarked;
