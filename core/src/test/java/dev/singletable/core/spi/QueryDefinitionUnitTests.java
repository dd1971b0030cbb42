package dev.singletable.core.spi;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.fixtures.Note;
import dev.singletable.core.internal.query.QuerySpec;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The SPI's query value holds the query core's plans read, each change a copy, its sort comparisons those of the
 * internal query, checked as the template's builder checks them.
 */
class QueryDefinitionUnitTests {

	private final SingleTablePersistentEntity<?> notes = new MappingSingleTableConverter(new SingleTableMappingContext())
		.getRequiredEntity(Note.class);

	@Test
	void theSortComparisonsAreExactlyThoseOfTheInternalQuery() {
		assertThat(Arrays.stream(QueryDefinition.SortOperator.values()).map(Enum::name))
			.containsExactlyElementsOf(Arrays.stream(QuerySpec.SortOperator.values()).map(Enum::name).toList());
	}

	@Test
	void eachComparisonReachesTheQueryAsItsOwn() {
		for (QueryDefinition.SortOperator operator : QueryDefinition.SortOperator.values()) {
			Object[] operands = (operator == QueryDefinition.SortOperator.BETWEEN) ? new Object[] { "a", "b" }
					: new Object[] { "a" };
			QuerySpec spec = QueryDefinition.of(this.notes).withPartition("p").withSort(operator, operands).spec();

			assertThat(spec.key().sort().operator().name()).isEqualTo(operator.name());
			assertThat(spec.key().sort().values()).hasSize(operands.length);
		}
	}

	@Test
	void eachChangeIsACopyThatLeavesTheQueryItWasMadeFrom() {
		QueryDefinition listing = QueryDefinition.of(this.notes);
		QueryDefinition partition = listing.withIndex("gsi1").withPartition("inbox").withAscending(false).withLimit(5);

		assertThat(listing.spec().index()).isEqualTo(TypeIndexes.NAME);
		assertThat(listing.spec().key().partitions()).isEmpty();
		assertThat(listing.spec().ascending()).isTrue();
		assertThat(partition.spec().index()).isEqualTo("gsi1");
		assertThat(partition.spec().key().partitions()).isEqualTo(List.of("inbox"));
		assertThat(partition.spec().ascending()).isFalse();
		assertThat(partition.spec().limit()).isEqualTo(5);
	}

	@Test
	void argumentsAreCheckedAsTheTemplatesBuilderChecksThem() {
		assertThatIllegalArgumentException().isThrownBy(() -> QueryDefinition.of(this.notes).withLimit(0))
			.withMessageContaining("Limit");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> QueryDefinition.of(this.notes).withPartitionIn(List.of()))
			.withMessageContaining("partitionIn");
	}

}
