package dev.singletable.archfixture.core.internal.write.item;

/** A class of layer {@code write.item}, so that a fixture imported with {@code LayerRulesFailureTests.inEveryLayer} fills every layer. */
public final class Placed {

	private Placed() {
	}

}
