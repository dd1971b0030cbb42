package dev.singletable.core.internal.query;

import java.lang.reflect.Proxy;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Sort;

import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.query.Filter;
import dev.singletable.core.query.InvalidSortException;
import dev.singletable.core.query.SingleTableQuery;
import dev.singletable.repository.sample.Ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AbstractQueryBuilderUnitTests {

	private final SingleTablePersistentEntity<?> tickets = new MappingSingleTableConverter(
			new SingleTableMappingContext())
		.getRequiredEntity(Ticket.class);

	private Probe query() {
		return new Probe(List.of(this.tickets));
	}

	@Test
	void builderMethodsReturnTheQueryTheyAreCalledOnAndCollectOneQueryValue() {
		Probe query = query();

		assertThat(query.index("gsi3")).isSameAs(query);
		query.partition("assignee#ann").sortBetween("2026-01", "2026-02").filter(Filter.property("priority").ge(3))
			.where((ticket) -> true).select("title").limit(7).offset(3).maxRequests(2).descending();

		QuerySpec spec = query.spec();
		assertThat(spec.index()).isEqualTo("gsi3");
		assertThat(spec.key().partitions()).containsExactly("assignee#ann");
		assertThat(spec.key().sort())
			.isEqualTo(new QuerySpec.SortCondition(QuerySpec.SortOperator.BETWEEN, List.of("2026-01", "2026-02")));
		assertThat(spec.filter()).hasToString(Filter.property("priority").ge(3).toString());
		assertThat(spec.predicate()).isNotNull();
		assertThat(spec.properties()).containsExactly("title");
		assertThat(spec.limit()).isEqualTo(7);
		assertThat(spec.offset()).isEqualTo(3);
		assertThat(spec.maxRequests()).isEqualTo(2);
		assertThat(spec.ascending()).isFalse();
	}

	@Test
	void theLastOfOrderByAscendingAndDescendingApplies() {
		assertThat(query().index("gsi3").ascending().orderBy(Sort.by(Sort.Direction.DESC, "dueDate")).spec()
			.ascending()).isFalse();
		assertThat(query().index("gsi3").orderBy(Sort.by(Sort.Direction.DESC, "dueDate")).ascending().spec()
			.ascending()).isTrue();
		assertThat(query().index("gsi3").descending().orderBy(Sort.unsorted()).spec().ascending()).isFalse();
	}

	@Test
	void anOrderIsResolvedAgainstTheIndexTheQueryReadsWhenRead() {
		Probe query = query().orderBy(Sort.by(Sort.Direction.DESC, "dueDate"));

		assertThat(query.index("gsi3").spec().ascending()).isFalse();
		query.table();
		assertThatExceptionOfType(InvalidSortException.class).isThrownBy(query::spec)
			.withMessageContaining("a query of the table");
	}

	@Test
	void aQueryReadsAQueryValueMadeElsewhereAsItIs() {
		QuerySpec planned = QuerySpec.of(this.tickets).withIndex("gsi1").withPartition("status#OPEN");
		Probe query = query().index("gsi3").orderBy(Sort.by("title"));

		assertThat(AbstractQueryBuilder.reading(query, planned)).isSameAs(query);
		assertThat(query.spec()).isSameAs(planned);
	}

	@Test
	@SuppressWarnings("unchecked")
	void onlyTheTemplatesQueriesReadAQueryValue() {
		SingleTableQuery<Object> foreign = (SingleTableQuery<Object>) Proxy.newProxyInstance(
				getClass().getClassLoader(), new Class<?>[] { SingleTableQuery.class }, (proxy, method, args) -> null);

		assertThatIllegalArgumentException()
			.isThrownBy(() -> AbstractQueryBuilder.reading(foreign, QuerySpec.of(this.tickets)))
			.withMessageContaining("singletable's templates");
	}

	@Test
	void eachPagingCallReadsThePageItNames() {
		Probe query = query();

		assertThat(query.page()).isEqualTo("after null");
		assertThat(query.page("c1")).isEqualTo("after c1");
		assertThat(query.pageBefore("c2")).isEqualTo("before c2");
		assertThat(query.pageBefore(null)).isEqualTo("before null");
	}

	/** A query with the builder methods, whose page names where it reads from. */
	private static final class Probe extends AbstractQueryBuilder<Ticket, Probe, String> {

		Probe(List<SingleTablePersistentEntity<?>> entities) {
			super(entities, false);
		}

		@Override
		protected String page(@Nullable String cursor, boolean forward) {
			return (forward ? "after " : "before ") + cursor;
		}

	}

}
