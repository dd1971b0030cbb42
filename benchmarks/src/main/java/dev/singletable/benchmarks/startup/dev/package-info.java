/**
 * The development loop: the sample application's start on the embedded DynamoDB Local against a bare Boot
 * application with the same web stack, and the time an underivable repository method takes to fail the start.
 */
@NullMarked
package dev.singletable.benchmarks.startup.dev;

import org.jspecify.annotations.NullMarked;
