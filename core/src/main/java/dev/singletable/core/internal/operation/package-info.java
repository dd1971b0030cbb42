/**
 * One class per write operation, each building its {@code WriteUnit} and saying what a failed condition means:
 * {@code CreateOperation}, {@code VersionedUpdateOperation}, {@code RestoreVersionOperation}, {@code
 * PlainUpdateOperation}, {@code UpsertOperation}, {@code PutAllOperation}, {@code DeleteOperation}, {@code
 * DeleteByIdOperation}, {@code DeleteVersionOperation}, {@code ConditionCheckOperation}; {@code EntityWrites}
 * picks the operation of a write (and holds what {@code save} does), {@code ResourceDeletes} and {@code
 * BulkWrites} plan the deletes and batches a template sends outside a transaction, for both drivers.
 * <p>
 * Internal: public only for the other layers of singletable; not API, may change in any release. Applications use
 * {@code dev.singletable.core} and its API packages.
 */
@NullMarked
package dev.singletable.core.internal.operation;

import org.jspecify.annotations.NullMarked;
