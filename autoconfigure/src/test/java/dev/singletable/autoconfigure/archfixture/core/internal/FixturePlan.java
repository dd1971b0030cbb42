package dev.singletable.autoconfigure.archfixture.core.internal;

/**
 * An internal type of the fixture's core.
 */
public final class FixturePlan {

	/**
	 * Returns the next step.
	 * @return the step
	 */
	public String next() {
		return "query";
	}

}
