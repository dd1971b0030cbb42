/**
 * SDK plumbing of the benchmarks: an HTTP client that records and replays DynamoDB responses, and an
 * interceptor that meters consumed capacity.
 */
@NullMarked
package dev.singletable.benchmarks.sdk;

import org.jspecify.annotations.NullMarked;
