package dev.singletable.archfixture.core.internal.execution;

/** A class of layer {@code execution}, so that a fixture imported with {@code LayerRulesFailureTests.inEveryLayer} fills every layer. */
public final class Placed {

	private Placed() {
	}

}
