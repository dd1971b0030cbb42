/**
 * The entities of the table evolution test as the application declares them after the change (a new index key),
 * with the migration that re-indexes their stored items.
 */
@NullMarked
package dev.singletable.autoconfigure.evolution.after;

import org.jspecify.annotations.NullMarked;
