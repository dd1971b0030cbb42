package dev.singletable.archfixture.repository;

import dev.singletable.archfixture.core.FixtureTemplate;
import dev.singletable.archfixture.core.spi.FixtureQueryDefinition;

/** Allowed: the repository layer on core's API and its SPI. */
public final class SpiRepository {

	private final Class<?> spi = FixtureQueryDefinition.class;

	private final Class<?> api = FixtureTemplate.class;

}
