package dev.singletable.repository.memos;

import java.util.List;

import dev.singletable.repository.SingleTableRepository;

public interface LedgerRepository extends SingleTableRepository<Ledger> {

	List<Ledger> findByBookAndEntryGreaterThan(String book, int entry);

	List<Ledger> findByBookAndEntryBetween(String book, int from, int to);

	List<Ledger> findByBookAndEntryLessThanEqual(String book, int entry);

}
