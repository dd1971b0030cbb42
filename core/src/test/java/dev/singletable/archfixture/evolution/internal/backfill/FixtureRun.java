package dev.singletable.archfixture.evolution.internal.backfill;

import dev.singletable.archfixture.core.internal.execution.FixtureExecutor;

/** Evolution's internal engine: used by evolution only. */
public class FixtureRun {

	private final FixtureExecutor executor;

	public FixtureRun(FixtureExecutor executor) {
		this.executor = executor;
	}

	@Override
	public String toString() {
		return this.executor.toString();
	}

}
