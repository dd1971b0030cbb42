/**
 * The outbox: Spring Modulith's event publication registry on the table
 * ({@link dev.singletable.events.SingleTableEventPublicationRepository}), so that the publications of the events a
 * transaction publishes are stored in the same {@code TransactWriteItems} as its writes.
 */
@NullMarked
package dev.singletable.events;

import org.jspecify.annotations.NullMarked;
