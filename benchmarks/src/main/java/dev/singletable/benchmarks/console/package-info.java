/**
 * Issue 53's benchmark: the console's first page of a type of 10,000 resources.
 */
@NullMarked
package dev.singletable.benchmarks.console;

import org.jspecify.annotations.NullMarked;
