package dev.singletable.core.contract;

import dev.singletable.repository.SingleTableRepository;

public interface MemoRepository extends SingleTableRepository<Memo> {

}
