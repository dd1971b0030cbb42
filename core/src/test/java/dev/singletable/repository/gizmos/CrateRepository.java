package dev.singletable.repository.check15;

import dev.singletable.repository.SingleTableRepository;

public interface CrateRepository extends SingleTableRepository<Crate> {

}
