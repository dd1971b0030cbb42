package dev.singletable.core.internal.execution;

import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.internal.query.QuerySpec;
import dev.singletable.core.observation.SingleTableObservation;
import dev.singletable.core.observation.SingleTableObservationContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.ObservationView;

/**
 * The one place where operations are observed: wraps an operation in a {@link SingleTableObservation#OPERATION}
 * observation, which Micrometer keeps in scope on the thread running it; the {@link DynamoDbExecutor}'s reports
 * (consumed capacity, conflicts, retries, unprocessed items) are tagged with the context of the nearest operation
 * in scope. With metrics but no observation registry, the observation is made on a registry of this class's own
 * with no handler but the one that lets it open a scope. With neither, an operation runs as it is, after two null
 * checks. Helpers get
 * it through the executor and never call back into the template. The rules of what an observation is (its
 * context: name, types, index; its convention) are {@link ObservationRules}', shared with
 * {@link ReactiveObservations}, which carries the context in the Reactor context instead of a thread-local.
 */
public final class Observations extends ObservationRules {

	Observations(String tableName) {
		super(tableName);
	}

	/**
	 * Runs an operation on the table by key.
	 * @param operation the operation's name
	 * @param type the entity type it is about, {@literal null} for none
	 */
	public <R> R observe(String operation, @Nullable Class<?> type, Supplier<R> action) {
		return observe(enabled() ? context(operation, type) : null, action);
	}

	public void observe(String operation, @Nullable Class<?> type, Runnable action) {
		observe(operation, type, () -> {
			action.run();
			return null;
		});
	}

	/**
	 * Runs a query operation, tagged with the query's types and index ({@link #queryContext}).
	 * @param spec the query
	 */
	public <R> R observeQuery(String operation, QuerySpec spec, Supplier<R> action) {
		return observe(enabled() ? queryContext(operation, spec) : null, action);
	}

	/**
	 * Runs a part of a transaction's commit: observed as the commit, tagged with the types it writes, when it is the
	 * send of its writes ({@link #commitContext}).
	 * @param types the type of each write, in order (repeats are tagged once); {@literal null} for another part
	 */
	public <R> R observeCommit(@Nullable List<Class<?>> types, Supplier<R> action) {
		return observe(commitContext(types), action);
	}

	/**
	 * Runs an action in the observation of its context; {@literal null}: with neither an observation registry nor
	 * metrics, as it is.
	 */
	private <R> R observe(@Nullable SingleTableObservationContext context, Supplier<R> action) {
		if (context == null) {
			return action.get();
		}
		Observation observation = observation(context, scopes());
		if (observation.isNoop() && metrics() != null) {
			// the application's registry leaves the operation out (a predicate): the metrics still need its scope
			observation = observation(context, Scopes.REGISTRY);
		}
		return observation.observe(action);
	}


	/** The registry whose scopes hold the operations: the application's, else {@link Scopes#REGISTRY}. */
	private ObservationRegistry scopes() {
		ObservationRegistry registry = registry();
		return (registry != null) ? registry : Scopes.REGISTRY;
	}

	/**
	 * Makes a task that runs for the operation running on this thread on another thread (a helper thread of
	 * {@link ParallelRequests}), so that its requests are reported for that operation.
	 * @param task the task
	 * @return the task, or one that runs it in the scope of this thread's operation
	 */
	Runnable inCurrentOperation(Runnable task) {
		if (!enabled()) {
			return task;
		}
		Observation observation = operationScope();
		if (observation == null) {
			return task;
		}
		return () -> {
			try (Observation.Scope scope = observation.openScope()) {
				task.run();
			}
		};
	}

	/**
	 * Returns the operation running on this thread, for the reports of its requests: the nearest
	 * {@link SingleTableObservationContext} among the observations in scope and their parents (an application's
	 * observation may be opened inside an operation, in a callback), else {@link #unknown}.
	 */
	SingleTableObservationContext current() {
		SingleTableObservationContext operation = operationIn(operationScope());
		return (operation != null) ? operation : unknown();
	}

	/**
	 * The observation in scope on this thread under which an operation runs: the application registry's current
	 * one when it is the operation or opened inside it, else the one of {@link Scopes#REGISTRY} (an operation the
	 * application's registry left out, or no registry).
	 */
	private @Nullable Observation operationScope() {
		ObservationRegistry registry = scopes();
		Observation current = registry.getCurrentObservation();
		if (operationIn(current) != null || registry == Scopes.REGISTRY) {
			return current;
		}
		Observation own = Scopes.REGISTRY.getCurrentObservation();
		return (operationIn(own) != null) ? own : current;
	}

	private static @Nullable SingleTableObservationContext operationIn(@Nullable ObservationView view) {
		while (view != null) {
			Observation.ContextView context = view.getContextView();
			if (context instanceof SingleTableObservationContext operation) {
				return operation;
			}
			view = context.getParentObservation();
		}
		return null;
	}

}
