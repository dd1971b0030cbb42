package dev.singletable.archfixture.evolution.internal.backfill;

import dev.singletable.archfixture.core.internal.execution.BlockingDriver;

/** Evolution's internal engine: used by evolution only. */
public class FixtureRun {

	private final BlockingDriver driver;

	public FixtureRun(BlockingDriver driver) {
		this.driver = driver;
	}

	@Override
	public String toString() {
		return this.driver.toString();
	}

}
