/**
 * Entity metadata: annotations, the mapping context and the item layout names.
 */
@NullMarked
package dev.singletable.core.mapping;

import org.jspecify.annotations.NullMarked;
