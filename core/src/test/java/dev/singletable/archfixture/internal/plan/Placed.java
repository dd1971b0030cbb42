package dev.singletable.archfixture.internal.plan;

/** A class of layer {@code plan}, so that a fixture imported with {@code LayerRulesFailureTests.inEveryLayer} fills every layer. */
public final class Placed {

	private Placed() {
	}

}
