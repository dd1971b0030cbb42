/**
 * Auto-configuration of drift detection: the record of each entity type's stored definitions, checked once ready,
 * and the refusal of queries on indexes whose stored items no longer match them.
 */
@NullMarked
package dev.singletable.autoconfigure.drift;

import org.jspecify.annotations.NullMarked;
