package dev.singletable.autoconfigure.archfixture.autoconfigure.data;

import dev.singletable.autoconfigure.archfixture.core.internal.FixturePlan;

/**
 * A configuration that uses an internal type of the core it builds on.
 */
public final class LeakyPlanUser {

	/**
	 * Returns the next step of a plan.
	 * @return the step
	 */
	public String nextStep() {
		return new FixturePlan().next();
	}

}
