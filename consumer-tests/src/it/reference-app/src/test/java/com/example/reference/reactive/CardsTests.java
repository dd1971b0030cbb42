package com.example.reference.reactive;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.VersionConflictException;
import dev.singletable.core.reactive.ReactiveSingleTableOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SpringBootTest
class CardsTests {

	@Autowired
	Cards cards;

	@Autowired
	ReactiveSingleTableOperations reactive;

	@Autowired
	SingleTableOperations blocking;

	@Test
	void storesVersionsWithoutBlockingAndSharesTheTableWithTheBlockingTemplate() {
		Card card = this.cards.add("reactive-board", "Write the reactive page").block();
		Card moved = this.cards.move(card.id(), "doing").block();

		assertThat(moved.version()).isEqualTo(2L);
		assertThat(this.cards.history(card.id()).map(Card::lane).collectList().block()).containsExactly("doing", "todo");
		assertThat(this.cards.onBoard("reactive-board").collectList().block()).containsExactly(moved);
		// the same items: the blocking template reads what the reactive one wrote
		assertThat(this.blocking.findById(Card.class, card.id())).contains(moved);
		// the same exceptions, as error signals
		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> this.reactive.update(card.moveTo("done")).block());
		assertThatExceptionOfType(NoSuchResourceException.class)
			.isThrownBy(() -> this.cards.move("01ARZ3NDEKTSV4RRFFQ69G5FAV", "done").block());
	}

}
