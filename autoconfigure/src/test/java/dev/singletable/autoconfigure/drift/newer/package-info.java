/**
 * The entities of the fleet skew test as the newer version of the application declares them.
 */
@NullMarked
package dev.singletable.autoconfigure.drift.newer;

import org.jspecify.annotations.NullMarked;
