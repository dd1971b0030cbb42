package dev.singletable.archfixture.internal.plan;

import dev.singletable.archfixture.core.FixtureException;
import dev.singletable.archfixture.internal.format.Placed;

/** A plan of the foundation that uses the format above it and fails with the root's exception: every rule passes. */
public final class OrderlyFoundationPlan {

	private OrderlyFoundationPlan() {
	}

	public static FixtureStep step(Placed format) {
		if (format == null) {
			throw new FixtureException("no format");
		}
		return new FixtureStep("plan");
	}

}
