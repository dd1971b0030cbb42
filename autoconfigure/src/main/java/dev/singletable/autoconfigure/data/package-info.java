/**
 * Auto-configuration of singletable Spring Data repositories.
 */
@NullMarked
package dev.singletable.autoconfigure.data;

import org.jspecify.annotations.NullMarked;
