/**
 * A sealed hierarchy and its repository, for the auto-configuration's entity scan.
 */
@NullMarked
package dev.singletable.autoconfigure.hierarchy;

import org.jspecify.annotations.NullMarked;
