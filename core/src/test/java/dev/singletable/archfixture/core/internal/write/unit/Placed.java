package dev.singletable.archfixture.core.internal.write.unit;

/** A class of layer {@code write.unit}, so that a fixture imported with {@code LayerRulesFailureTests.inEveryLayer} fills every layer. */
public final class Placed {

	private Placed() {
	}

}
