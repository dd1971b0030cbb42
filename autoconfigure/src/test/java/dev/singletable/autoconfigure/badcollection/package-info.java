/**
 * A repository whose {@code @CollectionQuery} method names types that share no partition template.
 */
@NullMarked
package dev.singletable.autoconfigure.badcollection;

import org.jspecify.annotations.NullMarked;
