package dev.singletable.archfixture.core.internal.query;

/** A class of layer {@code query}, so that a fixture imported with {@code LayerRulesFailureTests.inEveryLayer} fills every layer. */
public final class Placed {

	private Placed() {
	}

}
