/**
 * The entities of the table evolution test as an application first declares them.
 */
@NullMarked
package dev.singletable.autoconfigure.evolution.before;

import org.jspecify.annotations.NullMarked;
