package dev.singletable.archfixture.internal.format;

import dev.singletable.archfixture.internal.plan.FixtureStep;

/** The stored format naming a plan's step, a layer of the foundation below it: the foundation's layer rule fails. */
public final class UpwardFormat {

	private UpwardFormat() {
	}

	public static FixtureStep step() {
		return new FixtureStep("format");
	}

}
