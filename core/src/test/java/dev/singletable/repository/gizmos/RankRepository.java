package dev.singletable.repository.check15;

import dev.singletable.repository.SingleTableRepository;

public interface RankRepository extends SingleTableRepository<Rank> {

}
