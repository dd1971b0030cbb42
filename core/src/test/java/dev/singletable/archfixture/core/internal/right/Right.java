package dev.singletable.archfixture.core.internal.right;

import dev.singletable.archfixture.core.internal.left.Left;

/** Broken: the other half of the cycle. */
public class Right {

	Left left() {
		return new Left();
	}

}
