/**
 * Auto-configuration of the singletable transaction manager, which runs {@code @Transactional} methods' writes as
 * one DynamoDB transaction.
 */
@NullMarked
package dev.singletable.autoconfigure.transaction;

import org.jspecify.annotations.NullMarked;
