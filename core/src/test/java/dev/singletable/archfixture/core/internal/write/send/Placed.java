package dev.singletable.archfixture.core.internal.write.send;

/** A class of layer {@code write.send}, so that a fixture imported with {@code LayerRulesFailureTests.inEveryLayer} fills every layer. */
public final class Placed {

	private Placed() {
	}

}
