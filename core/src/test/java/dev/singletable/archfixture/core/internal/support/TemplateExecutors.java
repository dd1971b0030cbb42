package dev.singletable.archfixture.core.internal.support;

import dev.singletable.archfixture.core.internal.execution.FixtureExecutor;

/** The port that hands out the template's executor: the one class of {@code support} evolution may use. */
public final class TemplateExecutors {

	private static final FixtureExecutor EXECUTOR = new FixtureExecutor();

	private TemplateExecutors() {
	}

	public static FixtureExecutor of(Object template) {
		return EXECUTOR;
	}

}
