/**
 * Auto-configuration of the outbox: Spring Modulith's event publication registry on the table.
 */
@NullMarked
package dev.singletable.autoconfigure.events;

import org.jspecify.annotations.NullMarked;
