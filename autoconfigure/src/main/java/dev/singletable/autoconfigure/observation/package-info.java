/**
 * Auto-configuration of singletable's Micrometer observations and metrics.
 */
@NullMarked
package dev.singletable.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
