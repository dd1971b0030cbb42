package dev.singletable.repository.gizmos;

import dev.singletable.repository.SingleTableRepository;

public interface RankRepository extends SingleTableRepository<Rank> {

}
