/**
 * A small application whose service writes in Spring transactions, for the transaction manager's
 * auto-configuration tests.
 */
@NullMarked
package dev.singletable.autoconfigure.transaction.shop;

import org.jspecify.annotations.NullMarked;
