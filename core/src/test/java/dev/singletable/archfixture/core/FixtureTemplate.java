package dev.singletable.archfixture.core;

import dev.singletable.archfixture.core.internal.left.Left;

/** Root facade: uses an internal package. */
public class FixtureTemplate {

	private final Left left = new Left();

	public String run() {
		return this.left.toString();
	}

}
