package dev.singletable.core.internal.query;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.singletable.internal.plan.Answer;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.ScriptedDriver;
import dev.singletable.internal.plan.Step;
import dev.singletable.repository.sample.Ticket;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How both query executors read a stream and count, decided once and run here on scripted answers (no server):
 * where a stream starts after an offset, how many results each batch asks for given the caller's demand and the
 * limit, that nothing beyond the limit reaches the caller, and a count by {@code Select COUNT}, merged partitions
 * side by side, or none where the results must be read.
 */
class StreamReadingUnitTests {

	private final IndexedTickets index = new IndexedTickets();

	private final QueryPlans plans = this.index.plans;

	private final QuerySpec ann = QuerySpec.of(this.index.tickets).withIndex("gsi3").withPartition("assignee#ann");

	@Test
	void anUnboundedStreamReadsWholePagesAndEndsWithTheResults() {
		storeAnn(3);
		ScriptedDriver driver = driver();

		StreamReading<Ticket> reading = driver.run(StreamReading.<Ticket>start(this.plans, this.ann, 0).plan());
		List<String> read = readAll(driver, reading, Long.MAX_VALUE);

		assertThat(read).containsExactly("a1", "a2", "a3");
		assertThat(StreamReading.start(this.plans, this.ann, 0).reads()).as("no offset to read past").isFalse();
		assertThat(reading.skip()).isZero();
		assertThat(reading.wanted()).isEqualTo(Long.MAX_VALUE);
		assertThat(queries(driver)).extracting(QueryRequest::limit).containsOnlyNulls();
		assertThat(reading.hasNext()).isFalse();
	}

	@Test
	void eachBatchAsksForTheSmallerOfTheDemandAndWhatTheLimitLeaves() {
		storeAnn(6);
		ScriptedDriver driver = driver();

		StreamReading<Ticket> reading = driver.run(StreamReading.<Ticket>start(this.plans, this.ann.withLimit(5), 0).plan());
		assertThat(reading.wanted()).as("nothing asked for yet").isZero();
		reading.request(2);
		assertThat(reading.wanted()).isEqualTo(2);
		assertThat(reading.take(driver.run(reading.next().plan()))).extracting(Ticket::title).containsExactly("a1", "a2");
		assertThat(reading.wanted()).as("the demand met").isZero();
		reading.request(Long.MAX_VALUE);
		reading.request(1);
		assertThat(reading.wanted()).as("the rest of the limit").isEqualTo(3);
		assertThat(reading.take(driver.run(reading.next().plan()))).extracting(Ticket::title)
			.containsExactly("a3", "a4", "a5");

		assertThat(queries(driver)).extracting(QueryRequest::limit).containsExactly(2, 3);
		assertThat(reading.taken()).isEqualTo(5);
		assertThat(reading.wanted()).isZero();
		assertThat(reading.hasNext()).as("the limit ends the stream, though more results remain").isFalse();
	}

	@Test
	void noResultBeyondTheLimitReachesTheCaller() {
		storeAnn(4);
		ScriptedDriver driver = driver();
		StreamReading<Ticket> reading = driver.run(StreamReading.<Ticket>start(this.plans, this.ann.withLimit(2), 0).plan());

		List<Ticket> page = driver.run(this.plans.<Ticket>batches(this.ann).next(Long.MAX_VALUE));

		assertThat(page).hasSize(4);
		assertThat(reading.take(page)).extracting(Ticket::title).containsExactly("a1", "a2");
		assertThat(reading.take(page)).isEmpty();
		assertThat(reading.hasNext()).isFalse();
	}

	@Test
	void anOffsetIsReadPastByKeysBeforeTheFirstBatch() {
		storeAnn(5);
		ScriptedDriver driver = driver();
		QuerySpec spec = this.ann.withOffset(2).withLimit(2);

		StreamReading<Ticket> reading = driver.run(StreamReading.<Ticket>start(this.plans, spec, spec.offset()).plan());

		assertThat(StreamReading.start(this.plans, spec, spec.offset()).reads()).isTrue();
		assertThat(queries(driver)).singleElement()
			.satisfies((keys) -> assertThat(keys.projectionExpression()).isNotNull());
		assertThat(reading.skip()).isZero();
		assertThat(readAll(driver, reading, Long.MAX_VALUE)).containsExactly("a3", "a4");
	}

	@Test
	void anOffsetAPredicateNeedsIsReadAndDroppedByTheCallerWithinTheLimit() {
		storeAnn(5);
		ScriptedDriver driver = driver();
		QuerySpec spec = this.ann.andWhere((ticket) -> true).withOffset(2).withLimit(2);

		StreamReading<Ticket> reading = driver.run(StreamReading.<Ticket>start(this.plans, spec, spec.offset()).plan());

		assertThat(StreamReading.start(this.plans, spec, spec.offset()).reads()).isFalse();
		assertThat(driver.sent()).isEmpty();
		assertThat(reading.skip()).isEqualTo(2);
		assertThat(readAll(driver, reading, Long.MAX_VALUE)).containsExactly("a1", "a2", "a3", "a4");
	}

	@Test
	void aCountOfOnePartitionIsASelectCountReadToItsEnd() {
		ScriptedDriver driver = counting(3);

		assertThat(driver.run(this.plans.countBySelect(this.ann))).isEqualTo(3L);
		assertThat(queries(driver)).singleElement()
			.satisfies((count) -> assertThat(count.select()).isEqualTo(Select.COUNT));
	}

	@Test
	void aCountOfSeveralPartitionsCountsEachSideBySide() {
		ScriptedDriver driver = counting(3);
		QuerySpec annAndBob = QuerySpec.of(this.index.tickets)
			.withIndex("gsi3")
			.withPartitionIn(List.of("assignee#ann", "assignee#bob"));

		Step<Long> count = this.plans.countBySelect(annAndBob);

		assertThat(count).isInstanceOfSatisfying(Step.Send.class,
				(send) -> assertThat(send.requests()).as("one round, both partitions").hasSize(2));
		assertThat(driver.run(count)).isEqualTo(6L);
	}

	@Test
	void aCountThatMustReadTheResultsHasNoSelectCountPlan() {
		assertThat(this.plans.countBySelect(this.ann.withLimit(2))).isNull();
		assertThat(this.plans.countBySelect(this.ann.andWhere((ticket) -> true))).isNull();
		assertThat(this.plans.countBySelect(QuerySpec.of(this.index.tickets)
			.withIndex("gsi3")
			.withPartitionIn(List.of("assignee#ann", "assignee#bob"))
			.withLimit(4))).isNull();
	}

	private List<String> readAll(ScriptedDriver driver, StreamReading<Ticket> reading, long demand) {
		List<String> titles = new ArrayList<>();
		reading.request(demand);
		while (reading.hasNext()) {
			reading.take(driver.run(reading.next().plan())).forEach((ticket) -> titles.add(ticket.title()));
		}
		return titles;
	}

	/** Stores tickets a1, a2, ... of assignee ann, due on days 1, 2, ... of January 2026. */
	private void storeAnn(int count) {
		for (int day = 1; day <= count; day++) {
			this.index.store("a" + day, "ann", day);
		}
	}

	private ScriptedDriver driver() {
		return this.index.driver((query) -> "assignee#ann");
	}

	private static ScriptedDriver counting(int each) {
		return new ScriptedDriver((request) -> Answer.of(QueryResponse.builder().count(each).build()));
	}

	private static List<QueryRequest> queries(ScriptedDriver driver) {
		return driver.sent(Request.Plain.class).stream().map((plain) -> (QueryRequest) plain.request()).toList();
	}

}
