package dev.singletable.core.audit;

import java.time.Instant;

/**
 * What an audit log query reads: the options the blocking {@code AuditLogQueries.Query} and the reactive
 * {@code ReactiveAuditLogQueries.Query} share, with the same meaning (both send the same requests and make the same
 * pages and cursors). A query is immutable: each method returns a changed copy. Each of the two adds its own
 * terminal methods (a page and a {@code Stream}; or their {@code Mono} and {@code Flux}).
 * <pre class="code">
 * auditLog.forResource("Order", orderId).since(yesterday).changedBy("alice").limit(20).page(null);
 * </pre>
 *
 * @param <Q> the type of the query, which every method returns
 */
public interface AuditLogQueryBuilder<Q extends AuditLogQueryBuilder<Q>> {

	/**
	 * Only entries made at or after a time (to the millisecond).
	 * @param from the earliest time
	 * @return the changed query
	 */
	Q since(Instant from);

	/**
	 * Only entries made at or before a time (to the millisecond).
	 * @param to the latest time
	 * @return the changed query
	 */
	Q until(Instant to);

	/**
	 * Only entries made in a time range, both ends included.
	 * @param from the earliest time
	 * @param to the latest time
	 * @return the changed query
	 */
	Q between(Instant from, Instant to);

	/**
	 * Oldest entries first (the default is newest first).
	 * @return the changed query
	 */
	Q oldestFirst();

	/**
	 * The most entries a page holds (default 50).
	 * @param limit the page size, at least 1
	 * @return the changed query
	 */
	Q limit(int limit);

	/**
	 * Only entries of one changer (a server-side filter).
	 * @param changedBy who made the changes
	 * @return the changed query
	 */
	Q changedBy(String changedBy);

	/**
	 * Only entries of one operation, such as {@link AuditEntry#UPDATE} (a server-side filter).
	 * @param operation the operation
	 * @return the changed query
	 */
	Q operation(String operation);

}
