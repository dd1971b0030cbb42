package dev.singletable.core;

import org.springframework.dao.DataIntegrityViolationException;

/**
 * Thrown when DynamoDB cancels a transaction. (Skeleton: the per-operation reasons are added by the write-model
 * work of issue 14.)
 */
public class TransactionCancelledException extends DataIntegrityViolationException {

	/**
	 * Creates the exception.
	 * @param message the message
	 * @param cause the SDK's cancellation
	 */
	public TransactionCancelledException(String message, Throwable cause) {
		super(message, cause);
	}

}
