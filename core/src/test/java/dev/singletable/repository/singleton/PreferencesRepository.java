package dev.singletable.repository.singleton;

import dev.singletable.repository.VersionedRepository;

/**
 * The repository of the {@link Preferences} singleton.
 */
public interface PreferencesRepository extends VersionedRepository<Preferences> {

}
