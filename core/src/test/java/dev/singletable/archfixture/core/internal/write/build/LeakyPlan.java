package dev.singletable.archfixture.core.internal.write.build;

import dev.singletable.archfixture.core.internal.execution.BlockingDriver;
import dev.singletable.archfixture.internal.plan.FixtureStep;

/** Broken: a plan that runs itself on the blocking driver instead of naming its next request. */
public class LeakyPlan {

	FixtureStep next() {
		return new FixtureStep("GetItem");
	}

	int send(BlockingDriver driver) {
		return driver.run();
	}

}
