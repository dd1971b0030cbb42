/**
 * The check, before any bean is created, of the property names set under {@code singletable.}, which fails start-up
 * on a typo of a known one. Internal to the auto-configuration.
 */
@NullMarked
package dev.singletable.autoconfigure.properties;

import org.jspecify.annotations.NullMarked;
