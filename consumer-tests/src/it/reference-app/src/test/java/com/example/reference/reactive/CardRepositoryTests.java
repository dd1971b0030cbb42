package com.example.reference.reactive;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

import dev.singletable.test.autoconfigure.DataSingleTableTest;

import static org.assertj.core.api.Assertions.assertThat;

@DataSingleTableTest
class CardRepositoryTests {

	@Autowired
	CardRepository cards;

	@Test
	void derivedQueriesReturnFluxAndMonoAndWindowsScrollWithCursors() {
		Card first = this.cards.save(new Card(null, null, "alpha", "Plan", "todo")).block();
		Card second = this.cards.save(new Card(null, null, "alpha", "Build", "todo")).block();
		Card other = this.cards.save(new Card(null, null, "beta", "Ship", "todo")).block();
		Card moved = this.cards.save(second.moveTo("doing")).block();

		assertThat(moved.version()).isEqualTo(2L);
		assertThat(this.cards.findByBoard("alpha").collectList().block()).containsExactlyInAnyOrder(first, moved);
		assertThat(this.cards.findByBoardIn(List.of("alpha", "beta")).collectList().block()).hasSize(3).contains(other);
		assertThat(this.cards.countByBoard("alpha").block()).isEqualTo(2L);
		Window<Card> page = this.cards.findWindowByBoard("alpha", ScrollPosition.keyset(), Limit.of(1)).block();
		Window<Card> next = this.cards.findWindowByBoard("alpha", page.positionAt(0), Limit.of(1)).block();
		assertThat(page.hasNext()).isTrue();
		assertThat(next.getContent()).doesNotContainAnyElementsOf(page.getContent());
		assertThat(this.cards.findVersions(second.id()).map(Card::lane).collectList().block())
			.containsExactly("doing", "todo");
		assertThat(this.cards.restore(second.id(), 1).block().lane()).isEqualTo("todo");
	}

}
