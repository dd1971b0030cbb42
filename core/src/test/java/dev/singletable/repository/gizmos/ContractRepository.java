package dev.singletable.repository.check15;

import dev.singletable.repository.VersionedRepository;

public interface ContractRepository extends VersionedRepository<Contract> {

}
