package dev.singletable.archfixture.core.internal.operation;

import dev.singletable.archfixture.internal.plan.FixtureStep;

/** In order: an operation's plan that names its next request with the plan layer's value, above it. */
public class OrderlyPlan {

	FixtureStep next() {
		return new FixtureStep("PutItem");
	}

}
