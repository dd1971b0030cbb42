package com.example.reference.reactive;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.singletable.core.TransactionCancelledException;
import dev.singletable.core.reactive.ReactiveSingleTableOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SpringBootTest
class CardMovesTests {

	@Autowired
	CardMoves moves;

	@Autowired
	Cards cards;

	@Autowired
	ReactiveSingleTableOperations operations;

	@Test
	void bothUpdatesCommitTogetherOrNotAtAll() {
		Card todo = this.cards.add("moves", "Plan").block();
		Card doing = this.cards.move(this.cards.add("moves", "Build").block().id(), "doing").block();

		this.moves.swapLanes(todo, doing).block();
		assertThat(this.operations.getById(Card.class, todo.id()).block().lane()).isEqualTo("doing");
		assertThat(this.operations.getById(Card.class, doing.id()).block().lane()).isEqualTo("todo");

		// the stale version of one card cancels the whole transaction: the other is not written either
		Card fresh = this.operations.getById(Card.class, todo.id()).block();
		assertThatExceptionOfType(TransactionCancelledException.class)
			.isThrownBy(() -> this.moves.swapLanes(fresh, doing).block());
		assertThat(this.operations.getById(Card.class, todo.id()).block().version()).isEqualTo(fresh.version());

		this.moves.archive(fresh).block();
		assertThat(this.operations.getById(Card.class, todo.id()).block().lane()).isEqualTo("archive");
	}

}
