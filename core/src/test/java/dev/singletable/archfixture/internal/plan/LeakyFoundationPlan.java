package dev.singletable.archfixture.internal.plan;

import dev.singletable.archfixture.core.FixtureException;
import dev.singletable.archfixture.core.FixtureTemplate;

/** A plan of the foundation that calls the template above it and throws the root's exception: the rule fails. */
public final class LeakyFoundationPlan {

	private LeakyFoundationPlan() {
	}

	public static String run(FixtureTemplate template) {
		return template.run();
	}

	public static FixtureException failure() {
		return new FixtureException("incomplete");
	}

}
