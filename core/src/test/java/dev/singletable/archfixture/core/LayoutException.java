package dev.singletable.archfixture.core;

import dev.singletable.archfixture.internal.direct.Placed;

/** An exception of the root that uses the foundation, which throws the root's exceptions: a cycle, and it fails. */
public class LayoutException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public LayoutException(Placed where) {
		super(String.valueOf(where));
	}

}
