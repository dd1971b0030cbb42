package dev.singletable.core.contract;

import dev.singletable.repository.SingleTableRepository;

public interface LedgerRepository extends SingleTableRepository<Ledger> {

}
