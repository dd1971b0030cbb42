package com.example.reference.reactive;

import org.springframework.stereotype.Service;

import dev.singletable.core.reactive.ReactiveSingleTableOperations;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Service
public class Cards {

	private final ReactiveSingleTableOperations operations;

	public Cards(ReactiveSingleTableOperations operations) {
		this.operations = operations;
	}

	public Mono<Card> add(String board, String title) {
		return this.operations.create(new Card(null, null, board, title, "todo"));        // version 1
	}

	public Mono<Card> move(String id, String lane) {
		return this.operations.getById(Card.class, id)                                    // NoSuchResourceException
			.map((card) -> card.moveTo(lane))
			.flatMap(this.operations::update);                                           // version 2, v1 kept
	}

	public Flux<Card> onBoard(String board) {
		return this.operations.query(Card.class).index("gsi1").partition("board#" + board).all();   // page by page
	}

	public Flux<Card> history(String id) {
		return this.operations.findAllVersions(Card.class, id);                           // newest first
	}

}
