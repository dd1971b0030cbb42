package dev.singletable.archfixture.core.internal.execution;

/**
 * The driver that runs plans on core's request machinery: the one class of {@code execution} evolution may use
 * (handed out by the port), never build.
 */
public class BlockingDriver {

	private final FixtureExecutor executor;

	public BlockingDriver(FixtureExecutor executor) {
		this.executor = executor;
	}

	public int run() {
		return this.executor.tables();
	}

}
