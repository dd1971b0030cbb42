package com.example.reference.reactive;

import org.springframework.stereotype.Service;

import dev.singletable.core.reactive.ReactiveSingleTableOperations;
import dev.singletable.core.reactive.ReactiveSingleTableTransactional;
import reactor.core.publisher.Mono;

@Service
public class CardMoves {

	private final ReactiveSingleTableOperations operations;

	public CardMoves(ReactiveSingleTableOperations operations) {
		this.operations = operations;
	}

	@ReactiveSingleTableTransactional
	public Mono<Void> swapLanes(Card first, Card second) {
		return this.operations.update(first.moveTo(second.lane()))                     // collected, not sent
			.then(this.operations.update(second.moveTo(first.lane())))                 // collected
			.then();                                              // both sent as one TransactWriteItems
	}

	public Mono<Void> archive(Card card) {
		return this.operations.transaction((tx) -> tx.update(card.moveTo("archive"))
			.then(tx.requireAbsent(Card.class, "01ARZ3NDEKTSV4RRFFQ69G5FAV")));
	}

}
