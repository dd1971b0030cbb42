/**
 * The stored item: {@code ItemLayout} (the one place that builds items: keys, index attributes, filter metadata,
 * TTL, system attributes), {@code ResourceIds} (keys of a resource), {@code Stamps} (ids, versions, timestamps),
 * {@code Timestamps} (the clock), {@code Expiry} (the hide-expired rule), {@code ExpressionBuilder}, {@code
 * CreatedAtGuard}, {@code TypeIndex} (the type index and its defaults) and {@code TypeRequirements} (what an operation
 * requires of its type). Uses mapping, conversion and the format.
 * <p>
 * Internal: public only for the other layers of singletable; not API, may change in any release. Applications use
 * {@code dev.singletable.core} and its API packages.
 */
@NullMarked
package dev.singletable.core.internal.item;

import org.jspecify.annotations.NullMarked;
