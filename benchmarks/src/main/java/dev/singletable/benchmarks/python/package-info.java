/**
 * The request pattern of the Python library {@code simplesingletable} 16.5.0 for the harness's writes, sent with
 * the raw SDK on the items the floor writes, so that its requests and capacity are counted by the same meters as
 * the other contenders'.
 */
@NullMarked
package dev.singletable.benchmarks.python;

import org.jspecify.annotations.NullMarked;
