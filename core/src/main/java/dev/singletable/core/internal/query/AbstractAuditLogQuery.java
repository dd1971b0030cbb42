package dev.singletable.core.internal.query;

import java.time.Instant;

import dev.singletable.core.audit.AuditLogQueryBuilder;

/**
 * The one implementation of the options of both audit log queries ({@link AuditLogQueryBuilder}): each makes the
 * changed {@link AuditLogPlan}, and the blocking and the reactive query add only their terminal methods, which read
 * {@link #plan()} as it is.
 *
 * @param <Q> the query type the options return
 */
public abstract class AbstractAuditLogQuery<Q extends AuditLogQueryBuilder<Q>> implements AuditLogQueryBuilder<Q> {

	private final AuditLogPlan plan;

	/**
	 * Creates the query of a plan.
	 * @param plan what it reads
	 */
	protected AbstractAuditLogQuery(AuditLogPlan plan) {
		this.plan = plan;
	}

	/**
	 * Returns what this query reads.
	 * @return the plan
	 */
	protected final AuditLogPlan plan() {
		return this.plan;
	}

	/**
	 * Returns the query of the same API reading another plan.
	 * @param plan the changed plan
	 * @return the changed query
	 */
	protected abstract Q with(AuditLogPlan plan);

	@Override
	public Q since(Instant from) {
		return with(this.plan.since(from));
	}

	@Override
	public Q until(Instant to) {
		return with(this.plan.until(to));
	}

	@Override
	public Q between(Instant from, Instant to) {
		return with(this.plan.between(from, to));
	}

	@Override
	public Q oldestFirst() {
		return with(this.plan.oldestFirst());
	}

	@Override
	public Q limit(int limit) {
		return with(this.plan.limit(limit));
	}

	@Override
	public Q changedBy(String changedBy) {
		return with(this.plan.changedBy(changedBy));
	}

	@Override
	public Q operation(String operation) {
		return with(this.plan.operation(operation));
	}

}
