package dev.singletable.repository.query;

import java.lang.reflect.Method;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Sort;
import org.springframework.data.projection.SpelAwareProxyProjectionFactory;
import org.springframework.data.repository.core.support.DefaultRepositoryMetadata;

import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.internal.format.IndexValues;
import dev.singletable.core.internal.query.QuerySpec;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.query.InvalidSortException;
import dev.singletable.repository.sample.Ticket;
import dev.singletable.repository.sample.Ticket.Status;
import dev.singletable.repository.sample.TicketRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A query method's binding: planned once, each call binds its arguments into the plan's query value, which no call
 * changes.
 */
class QueryBindingUnitTests {

	private final SingleTablePersistentEntity<Ticket> tickets = new MappingSingleTableConverter(
			new SingleTableMappingContext())
		.getRequiredEntity(Ticket.class);

	private QueryBinding binding(String name, Class<?>... parameters) throws NoSuchMethodException {
		Method method = TicketRepository.class.getMethod(name, parameters);
		return QueryBinding.of(new SingleTableQueryMethod(method, new DefaultRepositoryMetadata(TicketRepository.class),
				new SpelAwareProxyProjectionFactory()), this.tickets);
	}

	@Test
	void aDerivedQueryBindsItsPartitionIntoThePlannedIndex() throws Exception {
		QuerySpec query = QuerySpecs
			.of(binding("findByStatus", Status.class).bind(new Object[] { Status.OPEN }, Sort.unsorted()));

		assertThat(query.index()).isEqualTo("gsi1");
		assertThat(query.types()).containsValue(this.tickets);
		assertThat(query.key().partitions()).containsExactly("status#OPEN");
		assertThat(query.key().sort()).isNull();
		assertThat(query.ascending()).isTrue();
		assertThat(query.filter()).isNull();
		assertThat(query.predicate()).isNull();
	}

	@Test
	void eachCallBindsItsOwnArgumentsAndLeavesThePlanAsItWas() throws Exception {
		QueryBinding binding = binding("findByAssigneeAndDueDateBetween", String.class, LocalDate.class,
				LocalDate.class);
		LocalDate january = LocalDate.of(2026, 1, 1);
		LocalDate march = LocalDate.of(2026, 3, 31);

		QuerySpec ann = QuerySpecs.of(binding.bind(new Object[] { "ann", january, march }, Sort.unsorted()));
		QuerySpec bob = QuerySpecs.of(binding.bind(new Object[] { "bob", march, march }, Sort.unsorted()));

		assertThat(ann.index()).isEqualTo("gsi3");
		assertThat(ann.key().partitions()).containsExactly("assignee#ann");
		assertThat(ann.key().sort()).isEqualTo(new QuerySpec.SortCondition(QuerySpec.SortOperator.BETWEEN,
				List.of(IndexValues.render(january), IndexValues.render(march))));
		assertThat(bob.key().partitions()).containsExactly("assignee#bob");
		assertThat(bob.key().sort().values()).containsExactly(IndexValues.render(march), IndexValues.render(march));
		assertThat(ann.key().partitions()).as("the first call's query, after the second").containsExactly("assignee#ann");
	}

	@Test
	void theOrderOfTheMethodNameOrOfADynamicSortIsBound() throws Exception {
		QuerySpec newestFirst = QuerySpecs.of(binding("findFirstByAssigneeOrderByDueDateDesc", String.class)
			.bind(new Object[] { "ann" }, Sort.unsorted()));
		QueryBinding sorted = binding("findByAssignee", String.class, Sort.class);

		assertThat(newestFirst.ascending()).isFalse();
		assertThat(QuerySpecs.of(sorted.bind(new Object[] { "ann" }, Sort.by(Sort.Direction.DESC, "dueDate")))
			.ascending()).isFalse();
		assertThat(QuerySpecs.of(sorted.bind(new Object[] { "ann" }, Sort.by("dueDate"))).ascending()).isTrue();
		assertThat(QuerySpecs.of(sorted.bind(new Object[] { "ann" }, Sort.unsorted())).ascending()).isTrue();
		assertThatExceptionOfType(InvalidSortException.class)
			.isThrownBy(() -> sorted.bind(new Object[] { "ann" }, Sort.by("title")))
			.withMessageContaining("title");
	}

	@Test
	void aPredicateNoKeyCoversOfACompressedTypeIsBoundForAfterReading() throws Exception {
		QuerySpec query = QuerySpecs.of(binding("findByStatusAndPriorityGreaterThan", Status.class, int.class)
			.bind(new Object[] { Status.OPEN, 3 }, Sort.unsorted()));

		assertThat(query.key().partitions()).containsExactly("status#OPEN");
		assertThat(query.filter()).as("DynamoDB cannot filter a compressed type's properties").isNull();
		assertThat(query.predicate()).isNotNull();
	}

	@Test
	void aDeclaredIndexQueryBindsItsKeyArgumentsAsTheyAre() throws Exception {
		QuerySpec query = QuerySpecs.of(binding("dueInMonth", String.class, String.class)
			.bind(new Object[] { "assignee#ann", "2026-03" }, Sort.unsorted()));

		assertThat(query.index()).isEqualTo("gsi3");
		assertThat(query.key().partitions()).containsExactly("assignee#ann");
		assertThat(query.key().sort())
			.isEqualTo(new QuerySpec.SortCondition(QuerySpec.SortOperator.BEGINS_WITH, List.of("2026-03")));
		assertThat(query.ascending()).isTrue();
	}

}
