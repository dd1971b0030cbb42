/**
 * Actuator endpoints of singletable: the history of versioned resources, the recorded migrations.
 */
@NullMarked
package dev.singletable.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
