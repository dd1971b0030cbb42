package dev.singletable.archfixture.repository;

import dev.singletable.archfixture.evolution.internal.backfill.FixtureRun;

/** Broken: a layer beside evolution reaching into its internal engine instead of its API. */
public interface LeakyBackfillRepository {

	FixtureRun run();

}
