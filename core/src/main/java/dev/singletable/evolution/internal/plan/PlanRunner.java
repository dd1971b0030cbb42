package dev.singletable.evolution.internal.plan;

import org.jspecify.annotations.Nullable;

import dev.singletable.internal.plan.Step;

/**
 * Runs a plan to its end: the template's {@code BlockingDriver} ({@code TemplateExecutors.of(template)::run}), or a
 * driver that answers from a script in unit tests.
 */
@FunctionalInterface
public interface PlanRunner {

	/**
	 * Runs a plan.
	 * @return its result
	 * @throws RuntimeException what the plan failed with
	 */
	<R> @Nullable R run(Step<R> plan);

}
