/**
 * The reactive API: {@code ReactiveSingleTableOperations} and its template on the SDK's {@code DynamoDbAsyncClient},
 * with the blocking template's operations as {@code Mono}/{@code Flux}, the same item layout, exceptions and
 * cursors. Needs Reactor ({@code reactor-core}) on the class path.
 */
@NullMarked
package dev.singletable.core.reactive;

import org.jspecify.annotations.NullMarked;
