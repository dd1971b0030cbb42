package dev.singletable.archfixture.core.internal.reactive;

/** A class of layer {@code reactive}, so that a fixture imported with {@code LayerRulesFailureTests.inEveryLayer} fills every layer. */
public final class Placed {

	private Placed() {
	}

}
