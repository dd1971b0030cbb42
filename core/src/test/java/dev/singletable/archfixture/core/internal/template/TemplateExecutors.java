package dev.singletable.archfixture.core.internal.template;

import dev.singletable.archfixture.core.internal.execution.BlockingDriver;
import dev.singletable.archfixture.core.internal.execution.FixtureExecutor;

/** The port that hands out the template's driver: the one class of {@code support} evolution may use. */
public final class TemplateExecutors {

	private static final BlockingDriver DRIVER = new BlockingDriver(new FixtureExecutor());

	private TemplateExecutors() {
	}

	public static BlockingDriver of(Object template) {
		return DRIVER;
	}

}
