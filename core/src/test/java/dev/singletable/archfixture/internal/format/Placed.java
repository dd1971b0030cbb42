package dev.singletable.archfixture.internal.format;

/** A class of layer {@code format}, so that a fixture imported with {@code LayerRulesFailureTests.inEveryLayer} fills every layer. */
public final class Placed {

	private Placed() {
	}

}
