package dev.singletable.core.internal.execution;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.internal.query.QuerySpec;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.observation.DefaultSingleTableObservationConvention;
import dev.singletable.core.observation.SingleTableMetrics;
import dev.singletable.core.observation.SingleTableObservation;
import dev.singletable.core.observation.SingleTableObservationContext;
import dev.singletable.core.observation.SingleTableObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * The rules of what an observation of an operation is, the same for every execution model: its settings (the
 * observation registry, convention and metrics a template is given), its context (name, types, index) and the
 * observation made of it. Each model observes with them its own way: {@link Observations} keeps the operation in
 * scope on the thread running it, {@link ReactiveObservations} carries it in the Reactor context.
 */
public abstract sealed class ObservationRules permits Observations, ReactiveObservations {

	private final String tableName;

	// made at the first request reported outside an operation: a context is Micrometer's, which nothing else
	// touches before the first operation of an application without observations
	private volatile @Nullable SingleTableObservationContext unknown;

	private volatile @Nullable ObservationRegistry registry;

	private volatile @Nullable SingleTableObservationConvention convention;

	private volatile @Nullable SingleTableMetrics metrics;

	private volatile @Nullable RequestReports reports;

	ObservationRules(String tableName) {
		this.tableName = tableName;
	}

	public void setRegistry(@Nullable ObservationRegistry registry) {
		this.registry = (registry == null || registry.isNoop()) ? null : registry;
	}

	public void setConvention(@Nullable SingleTableObservationConvention convention) {
		this.convention = convention;
	}

	void setMetrics(@Nullable SingleTableMetrics metrics) {
		this.metrics = metrics;
		this.reports = (metrics != null) ? new RequestReports(metrics) : null;
	}

	/**
	 * Returns what requests report to the metrics, for both executors; {@literal null} without metrics (then no
	 * consumed capacity is asked for).
	 */
	@Nullable RequestReports reports() {
		return this.reports;
	}

	@Nullable SingleTableMetrics metrics() {
		return this.metrics;
	}

	/**
	 * Counts a retry of a request of an operation, with metrics.
	 * @param operation the operation the request is sent for
	 * @param reason why the request is sent again
	 */
	void retried(SingleTableObservationContext operation, String reason) {
		SingleTableMetrics metrics = this.metrics;
		if (metrics != null) {
			metrics.retry(operation, reason);
		}
	}

	/**
	 * Returns whether operations are observed or reported at all: with neither an observation registry nor metrics,
	 * an operation runs as it is.
	 */
	public boolean enabled() {
		return this.registry != null || this.metrics != null;
	}

	/**
	 * The context of an operation on the table by key.
	 * @param operation the operation's name
	 * @param type the entity type it is about, {@literal null} for none
	 */
	public SingleTableObservationContext context(String operation, @Nullable Class<?> type) {
		return new SingleTableObservationContext(this.tableName, operation, (type != null) ? List.of(type) : List.of(),
				null);
	}

	/**
	 * The context of a query operation, tagged with the query's types and index, for both models' query
	 * observations (each terminal call of a query and each page of a stream).
	 * @param spec the query
	 */
	public SingleTableObservationContext queryContext(String operation, QuerySpec spec) {
		List<Class<?>> types = new ArrayList<>(spec.types().size());
		for (SingleTablePersistentEntity<?> entity : spec.types().values()) {
			types.add(entity.getType());
		}
		return new SingleTableObservationContext(this.tableName, operation, types, spec.index());
	}

	/**
	 * The context of a commit, tagged with the types it writes, for both models' {@code observeCommit}: none when
	 * operations are not observed ({@link #enabled()}), or for a part of a transaction's commit that is not the send
	 * of its writes ({@code CollectedWrites.OnTemplate#commitOf()}: no types), which runs unobserved.
	 * @param types the type of each write, in order (repeats are tagged once); {@literal null} for another part
	 * @return the context, or {@literal null} when the commit is not observed
	 */
	@Nullable SingleTableObservationContext commitContext(@Nullable List<Class<?>> types) {
		if (types == null || !enabled()) {
			return null;
		}
		return new SingleTableObservationContext(this.tableName, "commit", new ArrayList<>(new LinkedHashSet<>(types)),
				null);
	}

	/**
	 * Creates the observation of an operation, not started, named and tagged by the convention; {@literal null}
	 * without a registry (then only the metrics report).
	 * @param context the operation's context
	 */
	public @Nullable Observation observation(SingleTableObservationContext context) {
		ObservationRegistry registry = this.registry;
		if (registry == null) {
			return null;
		}
		return SingleTableObservation.OPERATION.observation(this.convention,
				DefaultSingleTableObservationConvention.INSTANCE, () -> context, registry);
	}

	/**
	 * Returns the context of requests sent outside any operation ({@code operation=unknown}).
	 */
	SingleTableObservationContext unknown() {
		SingleTableObservationContext unknown = this.unknown;
		if (unknown == null) {
			synchronized (this) {
				unknown = this.unknown;
				if (unknown == null) {
					unknown = new SingleTableObservationContext(this.tableName, "unknown", List.of(), null);
					this.unknown = unknown;
				}
			}
		}
		return unknown;
	}

	/** The observation registry set, {@literal null} for none. */
	@Nullable ObservationRegistry registry() {
		return this.registry;
	}

	/** Creates the observation of an operation on a registry, named and tagged by the convention. */
	Observation observation(SingleTableObservationContext context, ObservationRegistry registry) {
		return SingleTableObservation.OPERATION.observation(this.convention,
				DefaultSingleTableObservationConvention.INSTANCE, () -> context, registry);
	}

	/**
	 * The registry that scopes operations when metrics are set without an observation registry: it only lets their
	 * observations open a scope, so that requests find their operation (the blocking {@link Observations}'). A
	 * holder, made at the first observed operation, so that a template without observations loads none of
	 * Micrometer's registry when it is made.
	 */
	static final class Scopes {

		static final ObservationRegistry REGISTRY = scopesOnly();

		private static ObservationRegistry scopesOnly() {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler((context) -> true);
			return registry;
		}

	}

}
