/**
 * The sustained write rates of the layout's shared keys, measured with DynamoDB's per-partition limits modelled in
 * front of DynamoDB Local ({@code DynamoDbPartitionLimits}): {@link dev.singletable.benchmarks.limits.PartitionLimitsRun}.
 */
@NullMarked
package dev.singletable.benchmarks.limits;

import org.jspecify.annotations.NullMarked;
