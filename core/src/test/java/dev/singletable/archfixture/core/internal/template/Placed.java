package dev.singletable.archfixture.core.internal.template;

/** A class of layer {@code template}, so that a fixture imported with {@code LayerRulesFailureTests.inEveryLayer} fills every layer. */
public final class Placed {

	private Placed() {
	}

}
