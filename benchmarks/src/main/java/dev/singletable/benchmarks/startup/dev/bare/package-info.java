/**
 * The bare Boot application the development start is compared with.
 */
@NullMarked
package dev.singletable.benchmarks.startup.dev.bare;

import org.jspecify.annotations.NullMarked;
