/**
 * The benchmark harness: singletable, hand-written raw SDK calls and the SDK's Enhanced Client measured side by
 * side on one in-process DynamoDB Local, then without a server, and reported as markdown.
 */
@NullMarked
package dev.singletable.benchmarks;

import org.jspecify.annotations.NullMarked;
