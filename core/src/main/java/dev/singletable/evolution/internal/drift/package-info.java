/**
 * The record of each entity type's stored definitions (what shapes its stored items: prefix, index key templates
 * and computed keys, compression, TTL attribute, blob and filter metadata properties) and its comparison with the
 * current definitions. Not API: {@code dev.singletable.evolution.SingleTableDefinitions} is.
 */
@NullMarked
package dev.singletable.evolution.internal.drift;

import org.jspecify.annotations.NullMarked;
