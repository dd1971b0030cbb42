package dev.singletable.archfixture.core.internal.query.run;

import dev.singletable.archfixture.core.internal.execution.BlockingDriver;
import dev.singletable.archfixture.internal.plan.FixtureStep;

/**
 * In order: a runner of query plans, below the drivers it runs them on; {@code query.run} is no plan package,
 * although {@code query} is one.
 */
public class FixtureQueryRunner {

	int page(BlockingDriver driver) {
		return new FixtureStep("Query").request().length() + driver.run();
	}

}
