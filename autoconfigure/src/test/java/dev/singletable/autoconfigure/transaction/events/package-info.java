/**
 * An application for the domain events of transactional methods (from issue 14): an entity publishing Spring Data
 * domain events from its repository inside singletable transactions, and listeners recording when they run.
 */
@NullMarked
package dev.singletable.autoconfigure.transaction.events;

import org.jspecify.annotations.NullMarked;
