package dev.singletable.archfixture.core.internal.operation;

/** A class of layer {@code operation}, so that a fixture imported with {@code LayerRulesFailureTests.inEveryLayer} fills every layer. */
public final class Placed {

	private Placed() {
	}

}
