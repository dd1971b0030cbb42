/**
 * Auto-configuration of the singletable transaction manager, which runs {@code @Transactional} methods' writes as
 * one DynamoDB transaction, and the start-up checks of the application's transactional beans. The checks
 * ({@code TransactionManagerNamesCheck}, {@code ReactiveTransactionalMethodsCheck} and its exception) and
 * {@code TemplateTransactionManagers} are internal to the auto-configuration.
 */
@NullMarked
package dev.singletable.autoconfigure.transaction;

import org.jspecify.annotations.NullMarked;
