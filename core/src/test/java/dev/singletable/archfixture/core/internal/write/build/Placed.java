package dev.singletable.archfixture.core.internal.write.build;

/** A class of layer {@code write.build}, so that a fixture imported with {@code LayerRulesFailureTests.inEveryLayer} fills every layer. */
public final class Placed {

	private Placed() {
	}

}
