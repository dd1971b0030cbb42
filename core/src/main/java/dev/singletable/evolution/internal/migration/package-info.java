/**
 * Internal: the records of applied migrations and the fleet's migration lease, in the table under
 * {@code _INTERNAL#Migrations}. Used by {@code dev.singletable.evolution}; free to change.
 */
@NullMarked
package dev.singletable.evolution.internal.migration;

import org.jspecify.annotations.NullMarked;
