package dev.singletable.archfixture.core.internal.transaction;

/** A class of layer {@code transaction}, so that a fixture imported with {@code LayerRulesFailureTests.inEveryLayer} fills every layer. */
public final class Placed {

	private Placed() {
	}

}
