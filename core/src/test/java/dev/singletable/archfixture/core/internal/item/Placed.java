package dev.singletable.archfixture.core.internal.item;

/** A class of layer {@code item}, so that a fixture imported with {@code LayerRulesFailureTests.inEveryLayer} fills every layer. */
public final class Placed {

	private Placed() {
	}

}
