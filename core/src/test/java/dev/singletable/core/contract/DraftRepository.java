package dev.singletable.core.contract;

import dev.singletable.repository.VersionedRepository;

public interface DraftRepository extends VersionedRepository<Draft> {

}
