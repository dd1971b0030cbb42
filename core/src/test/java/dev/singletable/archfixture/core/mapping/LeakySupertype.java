package dev.singletable.archfixture.core.mapping;

import dev.singletable.archfixture.core.internal.right.Right;

/** Broken: an API type naming an internal type as the type argument of its super type. */
public abstract class LeakySupertype implements Comparable<Right> {

}
