/**
 * Repositories of a sealed hierarchy and of one of its concrete types.
 */
@NullMarked
package dev.singletable.repository.hierarchy;

import org.jspecify.annotations.NullMarked;
