package dev.singletable.core.internal.transaction;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.singletable.core.UnsubscribedWriteException;
import dev.singletable.core.convert.SingleTableConverter;

/**
 * The writes a reactive transaction handed out, so that none is dropped in silence: each {@code Mono} a transaction's
 * handle returns, or the reactive template returns while the transaction's callback runs ({@link #during}), takes a
 * {@link Ticket} when it is made and stamps it when subscribed. The commit {@link #close() closes} the list: a write
 * never subscribed fails the transaction ({@link UnsubscribedWriteException}, naming each), and one subscribed once
 * the transaction is over, committed or rolled back, is refused with the same exception and sends nothing.
 * <p>
 * While the callback runs, the list is bound to the calling thread in Spring's resource map under a key of the
 * database factory, as a blocking transaction is: a template asks for it when a write is called ({@link #inWork}),
 * never when it is subscribed, so nothing depends on the thread a write later runs on.
 */
public final class HandedOutWrites {

	private final List<Ticket> tickets = new ArrayList<>();

	private @Nullable String closed;

	/**
	 * Records a write handed out.
	 * @param write the operation and its entity, such as {@code "create of Task 'a'"}
	 * @return the write's ticket, to stamp when the write is subscribed
	 */
	public synchronized Ticket handOut(String write) {
		Ticket ticket = new Ticket(write);
		this.tickets.add(ticket);
		return ticket;
	}

	/**
	 * Ends the transaction's hand-out at its commit: no write can be subscribed after this.
	 * @return the failure naming the writes never subscribed, or {@literal null} when every write was
	 */
	public synchronized @Nullable UnsubscribedWriteException close() {
		List<String> forgotten = new ArrayList<>();
		for (Ticket ticket : this.tickets) {
			if (!ticket.subscribed) {
				forgotten.add(ticket.write);
			}
		}
		this.closed = forgotten.isEmpty() ? "committed" : "refused at its commit";
		if (forgotten.isEmpty()) {
			return null;
		}
		return new UnsubscribedWriteException("The transaction handed out " + forgotten.size()
				+ ((forgotten.size() == 1) ? " write" : " writes") + " never subscribed to before it completed: "
				+ String.join(", ", forgotten) + ". A Mono does nothing until subscribed, so the transaction is not "
				+ "committed and nothing is written. Compose every write into the publisher the transaction's work "
				+ "returns (then, flatMap, Mono.when); in Kotlin, call the transaction's suspending writes", forgotten);
	}

	/**
	 * Ends the transaction's hand-out at a rollback, failing nothing: a write subscribed later is refused.
	 */
	public synchronized void discard() {
		if (this.closed == null) {
			this.closed = "rolled back";
		}
	}

	/**
	 * Runs a transaction's callback with this list bound to the calling thread for the given database factory, so
	 * that the template's writes made while it runs take a ticket.
	 * @param databaseFactory the database factory of the transaction
	 * @param work the callback
	 * @return what the callback returned
	 */
	public <T> T during(Object databaseFactory, Supplier<T> work) {
		Key key = new Key(databaseFactory);
		Object previous = TransactionSynchronizationManager.getResource(key);
		if (previous != null) {
			TransactionSynchronizationManager.unbindResource(key);
		}
		TransactionSynchronizationManager.bindResource(key, this);
		try {
			return work.get();
		}
		finally {
			TransactionSynchronizationManager.unbindResource(key);
			if (previous != null) {
				TransactionSynchronizationManager.bindResource(key, previous);
			}
		}
	}

	/**
	 * Returns the writes of the transaction whose callback is running on the calling thread for the given database
	 * factory, {@literal null} outside one.
	 */
	public static @Nullable HandedOutWrites inWork(Object databaseFactory) {
		return (TransactionSynchronizationManager.getResource(new Key(databaseFactory)) instanceof HandedOutWrites writes)
				? writes : null;
	}

	/**
	 * One write handed out.
	 */
	public final class Ticket {

		private final String write;

		private boolean subscribed;

		private Ticket(String write) {
			this.write = write;
		}

		/**
		 * Stamps the write subscribed.
		 * @return the refusal when the transaction is over, {@literal null} when the write may run
		 */
		public @Nullable UnsubscribedWriteException subscribe() {
			synchronized (HandedOutWrites.this) {
				String over = HandedOutWrites.this.closed;
				if (over != null) {
					return new UnsubscribedWriteException("The " + this.write + " was subscribed to after its "
							+ "transaction was " + over + ", so it is refused and nothing is sent. Compose every "
							+ "write into the publisher the transaction's work returns (then, flatMap, Mono.when); in "
							+ "Kotlin, call the transaction's suspending writes", List.of(this.write));
				}
				this.subscribed = true;
				return null;
			}
		}

	}

	/**
	 * Describes a write for the messages: its operation, its entity's type and id when known, such as
	 * {@code "create of Task 'a'"}.
	 * @param converter the template's converter, to read an entity's id
	 * @param operation the operation, such as {@code create}
	 * @param subject the entity written, or its type
	 * @param id the id written, when the operation takes one
	 */
	public static String describe(SingleTableConverter converter, String operation, @Nullable Object subject,
			@Nullable Object id) {
		if (subject == null) {
			return operation;
		}
		Class<?> type = (subject instanceof Class<?> given) ? given : subject.getClass();
		Object known = id;
		if (known == null && !(subject instanceof Class<?>)) {
			try {
				known = converter.getRequiredEntity(type).getIdentifierAccessor(subject).getIdentifier();
			}
			catch (RuntimeException ex) {
				// not an entity the template stores: the write itself will say so when subscribed
				known = null;
			}
		}
		return operation + " of " + type.getSimpleName() + ((known != null) ? " '" + known + "'" : "");
	}

	/** The key of the list in Spring's resource map: one per database factory. */
	private record Key(Object databaseFactory) {
	}

}
