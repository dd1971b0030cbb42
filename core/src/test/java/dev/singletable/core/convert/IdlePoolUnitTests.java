package dev.singletable.core.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdlePoolUnitTests {

	private final AtomicInteger made = new AtomicInteger();

	private final List<Integer> ended = new ArrayList<>();

	private final IdlePool<Integer> pool = new IdlePool<>(2, this.made::incrementAndGet, this.ended::add);

	@Test
	void takesWhatWasGivenBackInsteadOfMakingMore() {
		Integer first = this.pool.take();
		this.pool.giveBack(first);

		assertThat(this.pool.take()).isSameAs(first);
		assertThat(this.made).hasValue(1);
		assertThat(this.ended).isEmpty();
	}

	@Test
	void neverHandsOneInstanceToTwoHoldersAtOnce() {
		Integer first = this.pool.take();
		Integer second = this.pool.take();

		assertThat(second).isNotEqualTo(first);
		assertThat(this.made).hasValue(2);
	}

	@Test
	void endsWhatItHasNoRoomToKeep() {
		Integer first = this.pool.take();
		Integer second = this.pool.take();
		Integer third = this.pool.take();

		this.pool.giveBack(first);
		this.pool.giveBack(second);
		this.pool.giveBack(third);

		assertThat(this.ended).containsExactly(third);
		assertThat(List.of(this.pool.take(), this.pool.take())).containsExactlyInAnyOrder(first, second);
		assertThat(this.pool.take()).isEqualTo(4);
	}

	@Test
	void endsWhatIsDiscardedAndKeepsNothingOfIt() {
		Integer first = this.pool.take();

		this.pool.discard(first);

		assertThat(this.ended).containsExactly(first);
		assertThat(this.pool.take()).isEqualTo(2);
	}

}
