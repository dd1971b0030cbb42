package dev.singletable.core.internal.execution;

import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.internal.query.QuerySpec;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.observation.MicrometerSingleTableMetrics;
import dev.singletable.core.observation.SingleTableObservationContext;
import dev.singletable.repository.sample.Ticket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules both models observe a transaction's commit by ({@link ObservationRules#commitContext}) and a query
 * ({@link ObservationRules#queryContext}), without a server.
 */
class ObservationRulesUnitTests {

	@Test
	void aCommitIsObservedOnlyWhenOperationsAreAndOnlyForTheSendOfItsWrites() {
		Observations observations = new Observations("orders");
		assertThat(observations.commitContext(List.of(String.class))).as("neither registry nor metrics").isNull();

		observations.setMetrics(new MicrometerSingleTableMetrics(new SimpleMeterRegistry()));

		assertThat(observations.commitContext(null)).as("another part of the commit").isNull();
		SingleTableObservationContext commit = observations
			.commitContext(List.of(String.class, Integer.class, String.class));
		assertThat(commit).isNotNull();
		assertThat(commit.getOperation()).isEqualTo("commit");
		assertThat(commit.getTableName()).isEqualTo("orders");
		assertThat(commit.getEntityTypes()).as("each type once, in order").containsExactly(String.class, Integer.class);
	}

	@Test
	void bothModelsRunAPartThatIsNotTheSendOfTheWritesUnobserved() {
		Observations observations = new Observations("orders");
		ReactiveObservations reactive = new ReactiveObservations("orders");
		observations.setMetrics(new MicrometerSingleTableMetrics(new SimpleMeterRegistry()));
		reactive.setMetrics(new MicrometerSingleTableMetrics(new SimpleMeterRegistry()));

		assertThat(observations.<SingleTableObservationContext>observeCommit(null, observations::current))
			.as("no operation in scope while an after-commit part runs")
			.isSameAs(observations.current());
		assertThat(observations.<SingleTableObservationContext>observeCommit(List.of(String.class),
				observations::current)
			.getOperation()).isEqualTo("commit");
		assertThat(reactive.observeCommit(null, Mono.deferContextual(
				(view) -> Mono.just(reactive.current(view).getOperation())))
			.block()).isEqualTo("unknown");
		assertThat(reactive.observeCommit(List.of(String.class), Mono.deferContextual(
				(view) -> Mono.just(reactive.current(view).getOperation())))
			.block()).isEqualTo("commit");
	}

	@Test
	void bothModelsTagAQueryWithTheTypesAndTheIndexOfWhatItReads() {
		QuerySpec spec = QuerySpec.of(new MappingSingleTableConverter(new SingleTableMappingContext())
			.getRequiredEntity(Ticket.class)).withIndex("gsi3");
		Observations observations = new Observations("orders");
		ReactiveObservations reactive = new ReactiveObservations("orders");
		observations.setMetrics(new MicrometerSingleTableMetrics(new SimpleMeterRegistry()));
		reactive.setMetrics(new MicrometerSingleTableMetrics(new SimpleMeterRegistry()));

		SingleTableObservationContext blocking = observations.observeQuery("query.page", spec, observations::current);
		SingleTableObservationContext subscribed = reactive
			.observeQuery("query.stream", spec, Mono.deferContextual((view) -> Mono.just(reactive.current(view))))
			.block();

		assertThat(blocking.getOperation()).isEqualTo("query.page");
		assertThat(subscribed.getOperation()).isEqualTo("query.stream");
		for (SingleTableObservationContext query : List.of(blocking, subscribed)) {
			assertThat(query.getTableName()).isEqualTo("orders");
			assertThat(query.getEntityTypes()).containsExactly(Ticket.class);
			assertThat(query.getIndex()).isEqualTo("gsi3");
		}
	}

}
