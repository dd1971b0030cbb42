package dev.singletable.core.internal.transaction;

import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.ResourceHolderSupport;

/**
 * The resource a singletable transaction manager of either API binds for one Spring-managed transaction, keyed by
 * its database factory (to the thread by the blocking {@code SingleTableTransactionManager}, to the transaction's
 * context in the Reactor context by the {@code ReactiveSingleTableTransactionManager}): the writes that collect the
 * transaction's writes from every template built on that factory ({@link CollectedWrites}, one class for both),
 * its rollback-only flag and deadline.
 *
 * @param <W> the type of the collected writes
 */
public final class SingleTableResourceHolder<W> extends ResourceHolderSupport {

	private final W writes;

	/**
	 * Creates the holder of a transaction's writes.
	 * @param writes the writes
	 */
	public SingleTableResourceHolder(W writes) {
		this.writes = writes;
	}

	/**
	 * Creates the holder of a transaction that begins: synchronized with it, with its timeout when it has one.
	 * @param writes the writes the transaction collects
	 * @param timeoutSeconds the timeout in seconds, or {@link TransactionDefinition#TIMEOUT_DEFAULT} for none
	 * @param <W> the type of the collected writes
	 * @return the holder
	 */
	public static <W> SingleTableResourceHolder<W> begin(W writes, int timeoutSeconds) {
		SingleTableResourceHolder<W> holder = new SingleTableResourceHolder<>(writes);
		holder.setSynchronizedWithTransaction(true);
		if (timeoutSeconds != TransactionDefinition.TIMEOUT_DEFAULT) {
			holder.setTimeoutInSeconds(timeoutSeconds);
		}
		return holder;
	}

	/**
	 * Returns the writes the transaction collects.
	 * @return the writes
	 */
	public W getWrites() {
		return this.writes;
	}

	/**
	 * Checks the transaction's deadline, at its commit.
	 * @throws org.springframework.transaction.TransactionTimedOutException when it has passed
	 */
	public void checkDeadline() {
		if (hasTimeout()) {
			getTimeToLiveInMillis();
		}
	}

}
