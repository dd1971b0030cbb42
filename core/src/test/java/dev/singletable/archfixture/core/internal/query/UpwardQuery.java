package dev.singletable.archfixture.core.internal.query;

import dev.singletable.archfixture.core.internal.query.run.FixtureQueryRunner;

/** Broken: a query plan using the runner of its own subpackage {@code query.run}, a layer below it. */
public class UpwardQuery {

	FixtureQueryRunner runner() {
		return new FixtureQueryRunner();
	}

}
