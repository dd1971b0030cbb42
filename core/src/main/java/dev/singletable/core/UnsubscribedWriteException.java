package dev.singletable.core;

import java.util.List;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * Thrown when a reactive transaction ends with writes it handed out that were never subscribed to, or when such a
 * write is subscribed to once the transaction is over. A write of a reactive transaction is a {@code Mono} that does
 * nothing until subscribed: one returned by the transaction's handle ({@code tx.create(..)} in
 * {@code template.transaction(tx -> ..)}), or by the reactive template while that callback runs, and left out of the
 * publisher the callback returns, would otherwise be dropped without a word while the others commit. Instead the
 * transaction fails with this exception at its commit, naming each forgotten operation and entity, and nothing is
 * written; a forgotten write subscribed later is refused with it too, and sends nothing. Compose every write into the
 * publisher the work returns ({@code then}, {@code flatMap}, {@code Mono.when}).
 */
public class UnsubscribedWriteException extends InvalidDataAccessApiUsageException {

	private final List<String> writes;

	/**
	 * Creates a new exception.
	 * @param message what happened and what to do
	 * @param writes each write not subscribed in time, as its operation and entity, such as
	 * {@code "create of Task 'a'"}
	 */
	public UnsubscribedWriteException(String message, List<String> writes) {
		super(message);
		this.writes = List.copyOf(writes);
	}

	/**
	 * Returns the writes that were not subscribed in time, each as its operation and entity, such as
	 * {@code "create of Task 'a'"}, in the order they were handed out.
	 * @return the writes, never empty
	 */
	public List<String> getWrites() {
		return this.writes;
	}

}
