/**
 * The peer: the AWS SDK's Enhanced Client with its optimistic-locking version extension. Its mutable beans follow
 * the Enhanced Client's conventions, so their properties may be {@literal null}.
 */
package dev.singletable.benchmarks.peer;
