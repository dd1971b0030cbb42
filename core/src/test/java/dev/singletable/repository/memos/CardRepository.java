package dev.singletable.repository.memos;

import java.util.List;

import dev.singletable.repository.SingleTableRepository;

public interface CardRepository extends SingleTableRepository<Card> {

	List<Card.SummaryView> findSummariesByDeck(String deck);

}
