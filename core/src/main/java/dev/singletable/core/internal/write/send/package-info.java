/**
 * The send of {@code WriteUnit}s as plans both drivers run: {@code UnitSend} (alone or as one transaction, rounds of
 * replacements ({@code WriteRounds}), per-type counts ({@code TypeCounts}), one audit transaction id, after-commit
 * work) and {@code UnitSender} (a template's send inside its blob stage, and the commit of several templates'
 * units as one {@code TransactWriteItems}).
 * <p>
 * It uses {@code write.item} and {@code write.unit}; the operations ({@code write.build}) use it.
 * <p>
 * Internal: public only for the other layers of singletable; not API, may change in any release. Applications use
 * {@code dev.singletable.core} and its API packages.
 */
@NullMarked
package dev.singletable.core.internal.write.send;

import org.jspecify.annotations.NullMarked;
