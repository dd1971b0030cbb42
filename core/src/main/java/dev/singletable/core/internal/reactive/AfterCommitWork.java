package dev.singletable.core.internal.reactive;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import reactor.core.publisher.Mono;

/**
 * The work that follows a reactive write's commit without blocking (the trim of a history longer than its window):
 * a unit's after-commit action, a {@link Runnable} run by {@link ReactiveUnitWriter} right after the commit, hands
 * its work here as a {@link Mono}, and the writer completes the write once that work is done, so the reactive
 * template returns when the blocking one would. The work never fails the write: its failure is logged (its own
 * message first).
 */
final class AfterCommitWork {

	private static final Log logger = LogFactory.getLog(AfterCommitWork.class);

	/** The work collected while a writer runs after-commit actions on this thread. */
	private static final ThreadLocal<@Nullable List<Mono<Void>>> collecting = new ThreadLocal<>();

	private AfterCommitWork() {
	}

	/**
	 * Runs after-commit actions, collecting the work they hand over.
	 * @return the work, done when every part of it is done; never failing
	 */
	static Mono<Void> run(List<Runnable> actions) {
		if (actions.isEmpty()) {
			return Mono.empty();
		}
		List<Mono<Void>> work = new ArrayList<>();
		List<Mono<Void>> outer = collecting.get();
		collecting.set(work);
		try {
			actions.forEach(Runnable::run);
		}
		finally {
			collecting.set(outer);
		}
		return Mono.when(work);
	}

	/**
	 * Hands over work that follows a commit; outside {@link #run} it is started on its own.
	 * @param failure the message logged when the work fails
	 */
	static void add(Mono<?> work, String failure) {
		Mono<Void> logged = work.then().onErrorResume((ex) -> {
			logger.warn(failure, ex);
			return Mono.empty();
		});
		List<Mono<Void>> current = collecting.get();
		if (current != null) {
			current.add(logged);
		}
		else {
			logged.subscribe();
		}
	}

}
