package dev.singletable.archfixture.repository;

/** The repository layer above core. */
public interface FixtureRepository {

}
