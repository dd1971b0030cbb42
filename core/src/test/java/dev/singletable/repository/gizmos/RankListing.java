package dev.singletable.repository.gizmos;

import dev.singletable.repository.ReadOnlySingleTableRepository;

public interface RankListing extends ReadOnlySingleTableRepository<Rank> {

}
