package dev.singletable.archfixture.evolution;

import dev.singletable.archfixture.core.internal.execution.FixtureExecutor;
import dev.singletable.archfixture.core.internal.right.Right;

/**
 * Broken three times: it builds an executor of its own instead of sending through the template's driver, it uses
 * that executor, which is beyond the port, and an internal package of core beyond the port.
 */
public class LeakyBackfills {

	private final FixtureExecutor executor = new FixtureExecutor();

	String run() {
		return this.executor.toString() + new Right();
	}

}
