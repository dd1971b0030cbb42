/**
 * Writes as plans without I/O, one class per write operation, each building its {@code WriteUnit} and saying what a
 * failed condition means: {@code CreateOperation}, {@code VersionedUpdateOperation},
 * {@code RestoreVersionOperation}, {@code PlainUpdateOperation}, {@code UpsertOperation}, {@code PutAllOperation},
 * {@code DeleteOperation}, {@code DeleteByIdOperation}, {@code DeleteVersionOperation},
 * {@code ConditionCheckOperation}, on the rules of {@code WriteSupport}; {@code EntityWrites} picks the operation of
 * a write (and holds what {@code save} does), {@code ResourceDeletes} and {@code BulkWrites} plan deletes and
 * batches, {@code AtomicUpdates} atomic updates; {@code Callbacks} invokes the entity callbacks.
 * <p>
 * The bottom layer of the write path: it uses {@code write.item}, {@code write.unit} and {@code write.send}.
 * <p>
 * Internal: public only for the other layers of singletable; not API, may change in any release. Applications use
 * {@code dev.singletable.core} and its API packages.
 */
@NullMarked
package dev.singletable.core.internal.write.build;

import org.jspecify.annotations.NullMarked;
