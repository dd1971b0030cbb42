/**
 * An application whose repository names a transaction manager in {@code @Transactional}.
 */
package dev.singletable.autoconfigure.transaction.names;
