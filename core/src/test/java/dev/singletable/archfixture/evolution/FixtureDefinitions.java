package dev.singletable.archfixture.evolution;

import dev.singletable.archfixture.core.FixtureTemplate;
import dev.singletable.archfixture.core.internal.execution.BlockingDriver;
import dev.singletable.archfixture.core.internal.template.TemplateExecutors;
import dev.singletable.archfixture.evolution.internal.backfill.FixtureRun;

/**
 * The evolution layer above core as it should be: it uses the template, the port that hands out the template's
 * driver, and its own internals.
 */
public class FixtureDefinitions {

	private final BlockingDriver driver;

	public FixtureDefinitions(FixtureTemplate template) {
		this.driver = TemplateExecutors.of(template);
	}

	public boolean drifted() {
		return new FixtureRun(this.driver).toString().isEmpty();
	}

}
