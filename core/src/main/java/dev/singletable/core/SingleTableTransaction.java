package dev.singletable.core;

/**
 * The writes of one all-or-nothing DynamoDB transaction, as collected by
 * {@link SingleTableOperations#transaction(java.util.function.Consumer)} (or by a Spring-managed transaction). Each
 * method stamps and returns the entity as it will be stored once the transaction commits; nothing is sent until the
 * callback returns.
 * <p>
 * (Skeleton: the operations are added by the write-model work of issue 14.)
 */
public interface SingleTableTransaction {

}
