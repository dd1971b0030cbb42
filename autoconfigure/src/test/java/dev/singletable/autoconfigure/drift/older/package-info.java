/**
 * The entities of the fleet skew test as the older version of the application declares them.
 */
@NullMarked
package dev.singletable.autoconfigure.drift.older;

import org.jspecify.annotations.NullMarked;
