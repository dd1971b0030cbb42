package dev.singletable.archfixture.core.mapping;

import dev.singletable.archfixture.core.internal.right.Right;

/** Broken: an API type whose type parameter is bounded by an internal type. */
public class LeakyBound<T extends Right> {

}
