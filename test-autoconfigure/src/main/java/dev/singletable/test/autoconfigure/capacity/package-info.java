/**
 * A model of DynamoDB's per-partition limits in front of DynamoDB Local, which enforces none of them:
 * {@link dev.singletable.test.autoconfigure.capacity.DynamoDbPartitionLimits}, an SDK interceptor that throttles,
 * cancels and bills requests as DynamoDB does, so that tests and benchmarks meet hot keys before production does.
 */
@NullMarked
package dev.singletable.test.autoconfigure.capacity;

import org.jspecify.annotations.NullMarked;
