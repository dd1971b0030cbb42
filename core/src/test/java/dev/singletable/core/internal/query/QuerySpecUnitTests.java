package dev.singletable.core.internal.query;

import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Sort;

import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.query.Filter;
import dev.singletable.core.query.InvalidSortException;
import dev.singletable.repository.jobs.Job;
import dev.singletable.repository.sample.Ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class QuerySpecUnitTests {

	private final MappingSingleTableConverter converter = new MappingSingleTableConverter(new SingleTableMappingContext());

	private final SingleTablePersistentEntity<Ticket> tickets = this.converter.getRequiredEntity(Ticket.class);

	private final SingleTablePersistentEntity<Job> jobs = this.converter.getRequiredEntity(Job.class);

	@Test
	void aQueryStartsAsTheAscendingListingOfItsTypeWithTheDefaults() {
		QuerySpec query = QuerySpec.of(this.tickets);

		assertThat(query.types()).containsOnlyKeys(this.tickets.getPrefix());
		assertThat(query.mixed()).isFalse();
		assertThat(query.index()).isEqualTo("gsitype");
		assertThat(query.key().partitions()).isEmpty();
		assertThat(query.key().sort()).isNull();
		assertThat(query.ascending()).isTrue();
		assertThat(query.consistent()).isFalse();
		assertThat(query.filter()).isNull();
		assertThat(query.predicate()).isNull();
		assertThat(query.limit()).isNull();
		assertThat(query.pageSize()).isEqualTo(100);
		assertThat(query.offset()).isZero();
		assertThat(query.maxRequests()).isEqualTo(10);
		assertThat(query.properties()).isEmpty();
	}

	@Test
	void eachChangeIsACopyAndLeavesTheQueryItStartsFromAsItWas() {
		QuerySpec base = QuerySpec.of(this.tickets).withIndex("gsi3");

		QuerySpec ann = base.withPartition("assignee#ann").withSort(QuerySpec.SortOperator.GE, "2026-01-01")
			.withAscending(false).withLimit(5).withOffset(2).withMaxRequests(3).withConsistentRead()
			.withProperties("title");
		QuerySpec bob = base.withPartition("assignee#bob");

		assertThat(base.key().partitions()).isEmpty();
		assertThat(base.key().sort()).isNull();
		assertThat(base.ascending()).isTrue();
		assertThat(base.limit()).isNull();
		assertThat(ann.index()).isEqualTo("gsi3");
		assertThat(ann.key().partitions()).containsExactly("assignee#ann");
		assertThat(ann.key().sort())
			.isEqualTo(new QuerySpec.SortCondition(QuerySpec.SortOperator.GE, List.of("2026-01-01")));
		assertThat(ann.ascending()).isFalse();
		assertThat(ann.limit()).isEqualTo(5);
		assertThat(ann.offset()).isEqualTo(2);
		assertThat(ann.maxRequests()).isEqualTo(3);
		assertThat(ann.consistent()).isTrue();
		assertThat(ann.properties()).containsExactly("title");
		assertThat(bob.key().partitions()).containsExactly("assignee#bob");
		assertThat(bob.key().sort()).isNull();
	}

	@Test
	void aPartitionAndASortConditionAreKeptWhenTheOtherChanges() {
		QuerySpec query = QuerySpec.of(this.tickets)
			.withIndex("gsi3")
			.withSort(QuerySpec.SortOperator.BETWEEN, "2026-01", "2026-02")
			.withPartition(42);

		assertThat(query.key().partitions()).containsExactly("42");
		assertThat(query.key().sort())
			.isEqualTo(new QuerySpec.SortCondition(QuerySpec.SortOperator.BETWEEN, List.of("2026-01", "2026-02")));
		assertThat(query.withSortBeginsWith("").key().sort()).as("an empty prefix is no condition").isNull();
		assertThat(query.withSortBeginsWith("").key().partitions()).containsExactly("42");
	}

	@Test
	void partitionInKeepsTheDistinctValuesInTheirOrderUpTo25() {
		QuerySpec query = QuerySpec.of(this.tickets).withIndex("gsi1").withPartitionIn(List.of("b", "a", "b"));

		assertThat(query.key().partitions()).containsExactly("b", "a");
		assertThat(query.merged()).isTrue();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> QuerySpec.of(this.tickets).withPartitionIn(IntStream.range(0, 26).boxed().toList()))
			.withMessageContaining("at most 25, but got 26 values");
		assertThatIllegalArgumentException().isThrownBy(() -> QuerySpec.of(this.tickets).withPartitionIn(List.of()))
			.withMessageContaining("at least one partition value");
	}

	@Test
	void anIdReadsItsResourcesLatestItemOnTheTable() {
		QuerySpec query = QuerySpec.of(this.tickets).withIndex("gsi3").withId("t-1");

		assertThat(query.index()).isNull();
		assertThat(query.key().partitions()).containsExactly("Ticket#t-1");
		assertThat(query.key().sort()).isEqualTo(new QuerySpec.SortCondition(QuerySpec.SortOperator.EQ, List.of("v0")));
	}

	@Test
	void aSortIsResolvedToTheDirectionOfTheIndexOrRefused() {
		QuerySpec assignee = QuerySpec.of(this.tickets).withIndex("gsi3");

		assertThat(assignee.ordered(Sort.by(Sort.Direction.DESC, "dueDate")).ascending()).isFalse();
		assertThat(assignee.withAscending(false).ordered(Sort.by("dueDate")).ascending()).isTrue();
		assertThat(assignee.withAscending(false).ordered(Sort.unsorted()).ascending())
			.as("unsorted keeps the order").isFalse();
		assertThatExceptionOfType(InvalidSortException.class)
			.isThrownBy(() -> assignee.ordered(Sort.by("title")))
			.withMessageContaining("title");
		assertThatExceptionOfType(InvalidSortException.class)
			.isThrownBy(() -> assignee.withTable().ordered(Sort.by("dueDate")))
			.withMessageContaining("a query of the table");
	}

	@Test
	void filtersAndPredicatesCombineByAnd() {
		Filter open = Filter.property("status").eq("OPEN");
		Filter urgent = Filter.property("priority").ge(3);
		Predicate<String> startsWithA = (value) -> value.startsWith("a");
		Predicate<String> endsWithZ = (value) -> value.endsWith("z");

		QuerySpec query = QuerySpec.of(this.tickets).andFilter(open).andFilter(urgent).andWhere(startsWithA)
			.andWhere(endsWithZ);

		assertThat(query.filter()).hasToString(open.and(urgent).toString());
		assertThat(query.predicate()).accepts("abcz").rejects("abc", "bcz");
		assertThat(query.filtering()).isTrue();
		assertThat(QuerySpec.of(this.tickets).filtering()).isFalse();
	}

	@Test
	void aQueryOfSeveralTypesRefusesWhatNamesOneTypesProperties() {
		QuerySpec mixed = QuerySpec.of(List.of(this.tickets, this.jobs), true);

		assertThat(mixed.types()).containsOnlyKeys(this.tickets.getPrefix(), this.jobs.getPrefix());
		assertThatIllegalArgumentException().isThrownBy(() -> mixed.andWhere(Filter.property("status").eq("OPEN")))
			.withMessageContaining("names properties of one type");
		assertThatIllegalArgumentException().isThrownBy(() -> mixed.withId("t-1"))
			.withMessageContaining("reads one type");
	}

	@Test
	void refusesLimitsOutOfRange() {
		QuerySpec query = QuerySpec.of(this.tickets);

		assertThatIllegalArgumentException().isThrownBy(() -> query.withLimit(0));
		assertThatIllegalArgumentException().isThrownBy(() -> query.withOffset(-1));
		assertThatIllegalArgumentException().isThrownBy(() -> query.withMaxRequests(0));
		assertThatIllegalArgumentException().isThrownBy(() -> query.withIndex(""));
		assertThatIllegalArgumentException().isThrownBy(() -> query.withPartition(""));
	}

}
