package dev.singletable.archfixture.core.internal.audit;

/** A class of layer {@code audit}, so that a fixture imported with {@code LayerRulesFailureTests.inEveryLayer} fills every layer. */
public final class Placed {

	private Placed() {
	}

}
