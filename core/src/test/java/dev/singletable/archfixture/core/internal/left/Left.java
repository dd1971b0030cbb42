package dev.singletable.archfixture.core.internal.left;

import dev.singletable.archfixture.core.FixtureException;
import dev.singletable.archfixture.core.internal.right.Right;

/** Broken: left and right need each other (a package cycle); throwing the root's exception is allowed. */
public class Left {

	Right right() {
		return new Right();
	}

	void fail() {
		throw new FixtureException("allowed");
	}

}
