package dev.singletable.repository.query;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Sort;
import org.springframework.data.repository.query.parser.Part;
import org.springframework.data.repository.query.parser.PartTree;

import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.fixtures.Reading;
import dev.singletable.core.query.Filter;
import dev.singletable.core.query.InvalidSortException;
import dev.singletable.repository.jobs.Job;
import dev.singletable.repository.sample.Label;
import dev.singletable.repository.sample.Ticket;
import dev.singletable.repository.singletons.Branding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SingleTableQueryCreatorUnitTests {

	private final MappingSingleTableConverter converter = new MappingSingleTableConverter(new SingleTableMappingContext());

	private final SingleTablePersistentEntity<Ticket> tickets = this.converter.getRequiredEntity(Ticket.class);

	private QueryPlan plan(String method) {
		return plan(method, false);
	}

	private QueryPlan plan(String method, boolean allowFiltering) {
		return new SingleTableQueryCreator(new PartTree(method, Ticket.class), this.tickets, "TicketRepository." + method,
				allowFiltering).createQuery();
	}

	@Test
	void equalityOnAPartitionTemplatePropertySelectsThatIndex() {
		QueryPlan plan = plan("findByStatus");

		assertThat(plan.index()).isEqualTo("gsi1");
		assertThat(plan.partition()).hasToString("status#{status}");
		assertThat(plan.partitionArguments()).containsExactly(0);
		assertThat(plan.sort()).isNull();
		assertThat(plan.filters()).isEmpty();
		assertThat(plan("findByProject").index()).isEqualTo("gsi2");
		assertThat(plan("findByAssignee").index()).isEqualTo("gsi3");
	}

	@Test
	void eachSortKeywordBecomesAKeyCondition() {
		assertThat(sortType("findByAssigneeAndDueDate")).isEqualTo(Part.Type.SIMPLE_PROPERTY);
		assertThat(sortType("findByAssigneeAndDueDateIs")).isEqualTo(Part.Type.SIMPLE_PROPERTY);
		assertThat(sortType("findByAssigneeAndDueDateEquals")).isEqualTo(Part.Type.SIMPLE_PROPERTY);
		assertThat(sortType("findByAssigneeAndDueDateBetween")).isEqualTo(Part.Type.BETWEEN);
		assertThat(sortType("findByAssigneeAndDueDateLessThan")).isEqualTo(Part.Type.LESS_THAN);
		assertThat(sortType("findByAssigneeAndDueDateLessThanEqual")).isEqualTo(Part.Type.LESS_THAN_EQUAL);
		assertThat(sortType("findByAssigneeAndDueDateGreaterThan")).isEqualTo(Part.Type.GREATER_THAN);
		assertThat(sortType("findByAssigneeAndDueDateGreaterThanEqual")).isEqualTo(Part.Type.GREATER_THAN_EQUAL);
		assertThat(sortType("findByAssigneeAndDueDateAfter")).isEqualTo(Part.Type.AFTER);
		assertThat(sortType("findByAssigneeAndDueDateBefore")).isEqualTo(Part.Type.BEFORE);
		assertThat(sortType("findByAssigneeAndDueDateStartingWith")).isEqualTo(Part.Type.STARTING_WITH);
		QueryPlan between = plan("findByDueDateBetweenAndAssignee");
		assertThat(between.partitionArguments()).containsExactly(2);
		assertThat(between.sort().arguments()).containsExactly(0, 1);
	}

	@Test
	void orderByTheSortKeySetsTheDirection() {
		assertThat(plan("findByAssigneeOrderByDueDateDesc").ascending()).isFalse();
		assertThat(plan("findFirstByAssigneeOrderByDueDateAsc").ascending()).isTrue();
		assertThat(plan("findByStatusOrderByIdDesc").ascending()).isFalse();
		// gsi1 sorts by pk, the id: the creation time is not its order (ids may be assigned)
		assertThatExceptionOfType(UnsupportedQueryMethodException.class)
			.isThrownBy(() -> plan("findByStatusOrderByCreatedAtDesc"))
			.withMessageContaining("gsi1 (partition 'status#{status}', sorted by id) cannot order by 'createdAt': it "
					+ "supports a sort by [id]");
	}

	@Test
	void updatedAtUsesTheTypeIndex() {
		QueryPlan listing = plan("findAllByOrderByUpdatedAtDesc");
		assertThat(listing.index()).isEqualTo("gsitype");
		assertThat(listing.partition()).hasToString("Ticket");
		assertThat(listing.ascending()).isFalse();
		QueryPlan after = plan("findByUpdatedAtAfter");
		assertThat(after.index()).isEqualTo("gsitype");
		assertThat(after.sort().type()).isEqualTo(Part.Type.AFTER);
	}

	@Test
	void otherPredicatesBecomeFiltersOnlyWhenAllowed() {
		QueryPlan plan = plan("findByStatusAndPriorityGreaterThan", true);

		assertThat(plan.index()).isEqualTo("gsi1");
		assertThat(plan.filters()).singleElement().satisfies((filter) -> {
			assertThat(filter.type()).isEqualTo(Part.Type.GREATER_THAN);
			assertThat(filter.firstArgument()).isEqualTo(1);
		});
		assertThat(plan.serverSideFilters()).isFalse();
		assertThatExceptionOfType(UnsupportedQueryMethodException.class)
			.isThrownBy(() -> plan("findByStatusAndPriorityGreaterThan"))
			.withMessageContaining("TicketRepository.findByStatusAndPriorityGreaterThan")
			.withMessageContaining("would filter on [priority]")
			.withMessageContaining("@AllowFiltering");
	}

	@Test
	void uncompressedTypesFilterInDynamoDb() {
		SingleTablePersistentEntity<Label> labels = this.converter.getRequiredEntity(Label.class);
		QueryPlan plan = new SingleTableQueryCreator(new PartTree("findByColorAndWeightBetweenAndHiddenIsNull", Label.class),
				labels, "LabelRepository.x", true).createQuery();

		assertThat(plan.serverSideFilters()).isTrue();
		assertThat(plan.filters()).hasSize(2);
		Filter between = PartTreeBinding.filter(plan.filters().get(0), new Object[] { "red", 1, 5 });
		assertThat(between).hasToString("weight BETWEEN [1, 5]");
		Filter isNull = PartTreeBinding.filter(plan.filters().get(1), new Object[] { "red", 1, 5 });
		assertThat(isNull.getOperator()).isEqualTo(Filter.Operator.OR);
	}

	@Test
	void methodsNoIndexCoversFailNamingMethodCandidatesAndWhatIsMissing() {
		assertThatExceptionOfType(UnsupportedQueryMethodException.class).isThrownBy(() -> plan("findByTitle"))
			.withMessageContaining("TicketRepository.findByTitle")
			.withMessageContaining("gsi1 (partition 'status#{status}', sorted by id) needs equality on [status]")
			.withMessageContaining("gsi3 (partition 'assignee#{assignee}', sort '{dueDate}') needs equality on [assignee]")
			.withMessageContaining("gsitype (partition 'Ticket', sort '{updatedAt}') would filter on [title]");
	}

	@Test
	void unsupportedKeywordsAndSortsFailClearly() {
		assertThatExceptionOfType(UnsupportedQueryMethodException.class).isThrownBy(() -> plan("findByTitleLike"))
			.withMessageContaining("LIKE");
		assertThatExceptionOfType(UnsupportedQueryMethodException.class).isThrownBy(() -> plan("findByTitleEndingWith"))
			.withMessageContaining("ENDING_WITH");
		assertThatExceptionOfType(UnsupportedQueryMethodException.class)
			.isThrownBy(() -> plan("findByStatusOrProject"))
			.withMessageContaining("'Or' is not supported");
		assertThatExceptionOfType(UnsupportedQueryMethodException.class)
			.isThrownBy(() -> plan("findByStatusIgnoreCase"))
			.withMessageContaining("IgnoreCase");
		assertThatExceptionOfType(UnsupportedQueryMethodException.class)
			.isThrownBy(() -> plan("findByStatusOrderByTitleAsc"))
			.withMessageContaining("cannot order by 'title'");
		assertThatExceptionOfType(UnsupportedQueryMethodException.class)
			.isThrownBy(() -> plan("findByAssigneeOrderByDueDateAscTitleAsc"))
			.withMessageContaining("orders by 2 properties");
	}

	@Test
	void prefersTheIndexThatCoversMostPredicates() {
		QueryPlan plan = plan("findByAssigneeAndDueDateAfterAndStatus", true);

		assertThat(plan.index()).isEqualTo("gsi3");
		assertThat(plan.filters()).extracting((filter) -> filter.segment())
			.containsExactly("status");
		assertThat(List.of(plan("findByStatusAndProject", true).index())).containsAnyOf("gsi1", "gsi2");
	}

	@Test
	void isNotNullOnASparseIndexKeyIsCoveredByThatIndex() {
		QueryPlan plan = jobPlan("findByAssigneeIsNotNull", false);
		assertThat(plan.index()).isEqualTo("gsi3");
		assertThat(plan.partition()).hasToString("assigned");
		assertThat(plan.sparseProperties()).containsExactly("assignee");
		assertThat(plan.filters()).isEmpty();

		QueryPlan prefix = jobPlan("findByAssigneeStartingWithAndAssigneeIsNotNull", false);
		assertThat(prefix.sort().type()).isEqualTo(Part.Type.STARTING_WITH);
		assertThat(prefix.sparseProperties()).containsExactly("assignee");

		assertThat(jobPlan("findByCustomerIdAndAssigneeIsNull", true).index()).as("never the sparse index")
			.isEqualTo("gsi1");
		assertThatExceptionOfType(UnsupportedQueryMethodException.class)
			.isThrownBy(() -> jobPlan("findByCustomerIdAndAssigneeIsNull", false))
			.withMessageContaining("gsi3 (partition 'assigned', sort '{assignee}') leaves out every item whose "
					+ "'assignee' is null")
			.withMessageContaining("gsi1 (partition 'customer#{customerId}', sorted by id) would filter on [assignee]");
		assertThatExceptionOfType(UnsupportedQueryMethodException.class)
			.isThrownBy(() -> jobPlan("findByCustomerIdIsNotNull", false))
			.withMessageContaining("needs equality on [customerId] (it is partitioned by 'customerId'")
			.withMessageContaining("sort = \"{customerId}\"");
		assertThat(jobPlan("findByCustomerIdIsNotNull", true).filters()).as("a filter on the type index when allowed")
			.singleElement()
			.satisfies((filter) -> assertThat(filter.type()).isEqualTo(Part.Type.IS_NOT_NULL));
	}

	@Test
	void inOnAPartitionPropertyReadsOnePartitionPerValueInTheIndexOrder() {
		QueryPlan status = jobPlan("findByStatusIn", false);
		assertThat(status.index()).isEqualTo("gsi4");
		assertThat(status.in().property()).isEqualTo("status");
		assertThat(status.in().argument()).isZero();
		assertThat(status.partitionArguments()).containsExactly(0);
		assertThat(status.in().order()).hasToString("{updatedAt}");
		assertThat(status.filters()).isEmpty();

		QueryPlan customer = jobPlan("findByNumberGreaterThanAndCustomerIdIn", true);
		assertThat(customer.index()).isEqualTo("gsi1");
		assertThat(customer.in().argument()).isEqualTo(1);
		assertThat(customer.in().order()).as("gsi1 sorts on pk").hasToString("Job#{id}");

		assertThat(jobPlan("findByStatus", false).in()).isNull();
		assertThatExceptionOfType(UnsupportedQueryMethodException.class)
			.isThrownBy(() -> jobPlan("findByStatusInAndCustomerIdIn", false))
			.withMessageContaining("would filter on [customerId]")
			.withMessageContaining("would filter on [status]");
	}

	@Test
	void theTypeIndexSortsByTheModificationTimeUnderBothNames() {
		QueryPlan listing = jobPlan("findAllByOrderByUpdatedAtDesc", false);
		assertThat(listing.index()).isEqualTo("gsitype");
		assertThat(listing.ascending()).isFalse();
		assertThat(TypeIndexOrder.of(this.converter.getRequiredEntity(Job.class)).sortableProperties())
			.containsExactly("updatedAt", "updated_at");
		TypeIndexOrder byDay = TypeIndexOrder.of(this.converter.getRequiredEntity(Reading.class));
		assertThat(byDay.sortableProperties()).as("a declared gsitype sort template").containsExactly("day");
		assertThat(byDay.isAscending(Sort.by(Sort.Direction.DESC, "day"))).isFalse();
		assertThatExceptionOfType(InvalidSortException.class)
			.isThrownBy(() -> byDay.isAscending(Sort.by("updatedAt")))
			.withMessageContaining("Reading")
			.withMessageContaining("[day]");
	}

	@Test
	void idConditionsOnAnIndexSortedByPartitionKeyUseTheKeyOfTheType() {
		assertThat(this.plan("findByStatusAndIdGreaterThan").sort().template()).hasToString("Ticket#{id}");
		QueryPlan singleton = new SingleTableQueryCreator(new PartTree("findByThemeAndIdStartingWith", Branding.class),
				this.converter.getRequiredEntity(Branding.class), "BrandingRepository.findByThemeAndIdStartingWith",
				false)
			.createQuery();
		assertThat(singleton.index()).isEqualTo("gsi1");
		assertThat(singleton.sort().template()).as("the key of a singleton's one item, SINGLETON#<prefix>")
			.hasToString("SINGLETON#{id}");
	}

	private QueryPlan jobPlan(String method, boolean allowFiltering) {
		return new SingleTableQueryCreator(new PartTree(method, Job.class), this.converter.getRequiredEntity(Job.class),
				"JobRepository." + method, allowFiltering).createQuery();
	}

	private Part.Type sortType(String method) {
		QueryPlan plan = plan(method);
		assertThat(plan.index()).as(method).isEqualTo("gsi3");
		assertThat(plan.filters()).as(method).isEmpty();
		return plan.sort().type();
	}

}
