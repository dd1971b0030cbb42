package dev.singletable.repository.reactive;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;

import dev.singletable.core.fixtures.Task;
import dev.singletable.core.mapping.InvalidEntityDefinitionException;
import dev.singletable.core.query.InvalidCursorException;
import dev.singletable.core.query.InvalidSortException;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.repository.Cursors;
import dev.singletable.repository.sample.Ticket;
import dev.singletable.repository.sample.Ticket.Status;
import dev.singletable.repository.support.ReactiveSingleTableRepositoryFactory;
import dev.singletable.test.DynamoDbLocalExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link RepositoryBehaviourSuite} on the reactive repository, {@link ReactiveTickets}, on the SDK's Netty async
 * client, called through {@link BlockingView}; plus what only the reactive API has: errors as signals, nothing read
 * before subscription, and cursors that pass between the two APIs.
 */
class ReactiveRepositoryBehaviourTests extends RepositoryBehaviourSuite {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	@Override
	DynamoDbLocalExtension dynamo() {
		return dynamo;
	}

	@Override
	BlockingTickets tickets(GenericApplicationContext context) {
		return BlockingView.of(BlockingTickets.class, ReactiveTickets.class, context.getBean(ReactiveTickets.class));
	}

	@Test
	void aBadArgumentIsTheErrorSignalOfTheResultNotAThrowOfTheCall() {
		ReactiveTickets tickets = context().getBean(ReactiveTickets.class);

		Flux<Ticket> badSort = tickets.findByAssignee("ann", Sort.by("title"));
		Mono<Window<Ticket>> forgedCursor = tickets.findByProject("p", Cursors.position("forged"), Limit.of(2));

		assertThatExceptionOfType(InvalidSortException.class)
			.isThrownBy(() -> badSort.blockLast(Duration.ofSeconds(10)));
		assertThatExceptionOfType(InvalidCursorException.class)
			.isThrownBy(() -> forgedCursor.block(Duration.ofSeconds(10)));
	}

	@Test
	void aWindowCursorOfTheBlockingRepositoryResumesInTheReactiveOneAndBack() {
		BlockingTickets blocking = context().getBean(BlockingTickets.class);
		ReactiveTickets reactive = context().getBean(ReactiveTickets.class);
		List<String> saved = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			saved.add(blocking.save(Ticket.of("t" + i, Status.OPEN, "p", "ann", LocalDate.of(2025, 1, 1), i)).id());
		}

		Window<Ticket> first = blocking.findByProject("p", ScrollPosition.keyset(), Limit.of(2));
		Window<Ticket> second = reactive.findByProject("p", Cursors.position(Cursors.next(first)), Limit.of(2))
			.block(Duration.ofSeconds(10));
		Window<Ticket> third = blocking.findByProject("p", Cursors.position(Cursors.next(second)), Limit.of(2));

		List<String> read = new ArrayList<>();
		for (Window<Ticket> window : List.of(first, second, third)) {
			window.forEach((ticket) -> read.add(ticket.id()));
		}
		assertThat(read).containsExactlyElementsOf(saved);
		assertThat(third.hasNext()).isFalse();
	}

	@Test
	void aReadOnlyRepositoryReadsAndAVersionedOneNeedsAVersionedType() {
		Ticket saved = context().getBean(BlockingTickets.class)
			.save(Ticket.of("r", Status.OPEN, "p", "ann", LocalDate.of(2025, 1, 1), 1));
		ReactiveTicketReader reader = context().getBean(ReactiveTicketReader.class);
		Duration wait = Duration.ofSeconds(10);

		assertThat(reader.findById(saved.id()).block(wait)).isEqualTo(saved);
		assertThat(reader.existsById("missing").block(wait)).isFalse();
		assertThat(reader.findAllById(List.of("missing", saved.id())).collectList().block(wait)).containsExactly(saved);
		assertThat(reader.findAll(Sort.by(Sort.Direction.DESC, "updatedAt")).collectList().block(wait))
			.containsExactly(saved);
		assertThat(reader.count().block(wait)).isEqualTo(1);
		assertThat(reader.findByStatus(Status.OPEN).collectList().block(wait)).containsExactly(saved);

		ReactiveSingleTableRepositoryFactory factory = new ReactiveSingleTableRepositoryFactory(
				context().getBean(ReactiveSingleTableTemplate.class));
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> factory.getRepository(PlainTasks.class))
			.withMessageContaining("ReactiveVersionedRepository but Task is not versioned");
	}

	/** A versioned repository of a type that is not versioned. */
	interface PlainTasks extends ReactiveVersionedRepository<Task> {

	}

	@Override
	Object badRepository(GenericApplicationContext context) {
		return new ReactiveSingleTableRepositoryFactory(context.getBean(ReactiveSingleTableTemplate.class))
			.getRepository(Reactive.BadTickets.class);
	}

}
