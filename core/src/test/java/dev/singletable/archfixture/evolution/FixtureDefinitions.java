package dev.singletable.archfixture.evolution;

import dev.singletable.archfixture.core.FixtureTemplate;
import dev.singletable.archfixture.core.internal.execution.FixtureExecutor;
import dev.singletable.archfixture.core.internal.support.TemplateExecutors;
import dev.singletable.archfixture.evolution.internal.backfill.FixtureRun;

/**
 * The evolution layer above core as it should be: it uses the template, the port that hands out the template's
 * executor, and its own internals.
 */
public class FixtureDefinitions {

	private final FixtureExecutor executor;

	public FixtureDefinitions(FixtureTemplate template) {
		this.executor = TemplateExecutors.of(template);
	}

	public boolean drifted() {
		return new FixtureRun(this.executor).toString().isEmpty();
	}

}
