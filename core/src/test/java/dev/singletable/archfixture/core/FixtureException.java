package dev.singletable.archfixture.core;

/** Root API: an exception the layers may throw. */
public class FixtureException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public FixtureException(String message) {
		super(message);
	}

}
