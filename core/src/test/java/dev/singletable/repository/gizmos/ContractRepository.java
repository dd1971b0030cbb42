package dev.singletable.repository.gizmos;

import dev.singletable.repository.VersionedRepository;

public interface ContractRepository extends VersionedRepository<Contract> {

}
