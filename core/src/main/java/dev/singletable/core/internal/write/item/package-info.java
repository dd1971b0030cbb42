/**
 * One item's part of a write, as plans without I/O and no unit yet: the one-request plans built on the template's
 * table ({@code ItemRequests}) and the reads and unconditional deletes operations need ({@code StoredItems}); what a
 * failed condition means ({@code ConditionFailures}, the one place, over the reasons per item of
 * {@code ItemFailures}); the rules an item is written with ({@code PlainConditions}, {@code DroppedAttributes},
 * {@code CreationTimes}) and {@code Changes} applied to an entity ({@code ChangesApplier}).
 * <p>
 * The top layer of the write path: it uses none of {@code write.unit}, {@code write.send}, {@code write.build}.
 * <p>
 * Internal: public only for the other layers of singletable; not API, may change in any release. Applications use
 * {@code dev.singletable.core} and its API packages.
 */
@NullMarked
package dev.singletable.core.internal.write.item;

import org.jspecify.annotations.NullMarked;
