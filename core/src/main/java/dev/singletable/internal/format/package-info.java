/**
 * The stored format's vocabulary, shared with the Python library: attribute names ({@code ItemAttributes}), key
 * text ({@code IndexValues}), timestamps ({@code StorageTimestamps}), attribute values ({@code AttributeValues}),
 * item sizes and the items of a response. The lowest layer: it uses no other package of singletable.
 * <p>
 * Internal: public only for the other layers of singletable; not API, may change in any release. Applications use
 * {@code dev.singletable.core} and its API packages.
 */
@NullMarked
package dev.singletable.internal.format;

import org.jspecify.annotations.NullMarked;
