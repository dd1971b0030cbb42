package dev.singletable.archfixture.core.internal.query.run;

/** A class of layer {@code query.run}, so that a fixture imported with {@code LayerRulesFailureTests.inEveryLayer} fills every layer. */
public final class Placed {

	private Placed() {
	}

}
