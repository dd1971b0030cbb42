package dev.singletable.autoconfigure.transaction.accounts;

/**
 * Published when an account was written in a transaction.
 *
 * @param accountId the account's id
 */
public record Written(String accountId) {

}
