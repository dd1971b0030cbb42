/**
 * SDK plumbing of the benchmarks: an HTTP client that records and replays DynamoDB responses, an
 * interceptor that meters consumed capacity, and one that counts the requests a calling thread sends.
 */
@NullMarked
package dev.singletable.benchmarks.sdk;

import org.jspecify.annotations.NullMarked;
