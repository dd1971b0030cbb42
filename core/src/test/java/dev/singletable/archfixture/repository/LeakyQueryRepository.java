package dev.singletable.archfixture.repository;

import dev.singletable.archfixture.core.internal.query.Placed;

/** Broken: the repository layer reaching into core's internals instead of its API and SPI. */
final class LeakyQueryRepository {

	private final Class<?> internal = Placed.class;

}
