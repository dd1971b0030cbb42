/**
 * The driver of change events: the Kinesis Client Library, through Amazon's DynamoDB Streams adapter, reads the
 * table's stream (shard leases, checkpoints, failover across a fleet and resharding are the KCL's) and hands each
 * shard's batches to the {@link dev.singletable.events.internal.ChangeDispatcher}. The only code of the events
 * subsystem that touches clients. Internal: not API.
 */
@NullMarked
package dev.singletable.events.internal.kcl;

import org.jspecify.annotations.NullMarked;
