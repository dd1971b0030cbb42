package dev.singletable.repository.gizmos;

import dev.singletable.repository.SingleTableRepository;

public interface CrateRepository extends SingleTableRepository<Crate> {

}
