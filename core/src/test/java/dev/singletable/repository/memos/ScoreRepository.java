package dev.singletable.repository.memos;

import java.util.List;

import dev.singletable.repository.SingleTableRepository;

public interface ScoreRepository extends SingleTableRepository<Score> {

	List<Score> findByLevel(int level);

	List<Score> findByLevelAndPlayer(int level, String player);

	List<Score> findAllByOrderByLevelDesc();

	long countByLevel(int level);

}
