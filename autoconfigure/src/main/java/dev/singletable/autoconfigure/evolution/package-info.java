/**
 * Auto-configuration of tables that change: the {@code SingleTableBackfills} bean and the recorded migrations run
 * at start-up.
 */
@NullMarked
package dev.singletable.autoconfigure.evolution;

import org.jspecify.annotations.NullMarked;
