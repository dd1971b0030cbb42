package dev.singletable.repository.check15;

import dev.singletable.repository.ReadOnlySingleTableRepository;

public interface RankListing extends ReadOnlySingleTableRepository<Rank> {

}
