package dev.singletable.archfixture.internal.direct;

/** A class of layer {@code execution.direct}, so that a fixture imported with {@code LayerRulesFailureTests.inEveryLayer} fills every layer. */
public final class Placed {

	private Placed() {
	}

}
