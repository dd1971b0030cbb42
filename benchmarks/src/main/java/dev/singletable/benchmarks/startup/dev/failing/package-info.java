/**
 * A development application with an underivable repository method, whose start fails.
 */
@NullMarked
package dev.singletable.benchmarks.startup.dev.failing;

import org.jspecify.annotations.NullMarked;
