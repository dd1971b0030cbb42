package dev.singletable.archfixture.core.internal.query;

import dev.singletable.archfixture.evolution.FixtureDefinitions;

/** Broken: core asking evolution's API itself, instead of an interface of its own that evolution implements. */
public class LeakyDriftCheck {

	boolean drifted(FixtureDefinitions definitions) {
		return definitions.drifted();
	}

}
