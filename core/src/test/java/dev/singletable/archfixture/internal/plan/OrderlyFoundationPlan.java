package dev.singletable.archfixture.internal.plan;

import java.util.function.Function;

import dev.singletable.archfixture.internal.format.Placed;

/**
 * A plan of the foundation that uses the format above it and fails with the exception its caller gives it: every
 * rule passes.
 */
public final class OrderlyFoundationPlan {

	private OrderlyFoundationPlan() {
	}

	public static FixtureStep step(Placed format, Function<String, RuntimeException> failure) {
		if (format == null) {
			throw failure.apply("no format");
		}
		return new FixtureStep("plan");
	}

}
