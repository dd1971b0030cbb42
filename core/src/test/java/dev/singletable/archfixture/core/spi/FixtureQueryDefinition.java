package dev.singletable.archfixture.core.spi;

/** The SPI that modules built on core use instead of its internals. */
public final class FixtureQueryDefinition {

	private FixtureQueryDefinition() {
	}

}
