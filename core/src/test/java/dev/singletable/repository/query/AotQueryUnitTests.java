package dev.singletable.repository.query;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.data.projection.ProjectionFactory;
import org.springframework.data.projection.SpelAwareProxyProjectionFactory;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.core.support.DefaultRepositoryMetadata;
import org.springframework.data.repository.query.QueryMethod;
import org.springframework.data.repository.query.RepositoryQuery;

import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.mapping.KeyTemplate;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.repository.IndexQuery;
import dev.singletable.repository.sample.Ticket;
import dev.singletable.repository.sample.Ticket.Status;
import dev.singletable.repository.sample.TicketRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When an AOT repository's query methods are bound to the template: a derived or {@code @IndexQuery} method checked
 * at build time for the entity's mapping as it is at run time at its first call (creating the repository makes no
 * query method, parameters nor projection for it); any other method when the repository is created, so that what can
 * fail fails there.
 */
class AotQueryUnitTests {

	private final SingleTableConverter converter = new MappingSingleTableConverter(new SingleTableMappingContext());

	private final RepositoryMetadata metadata = new DefaultRepositoryMetadata(TicketRepository.class);

	/** What the target was asked to make, in order. */
	private final List<String> made = new ArrayList<>();

	private final AotQueryTarget target = new RecordingTarget();

	private AotQuery.Builder findByStatus() throws NoSuchMethodException {
		Method method = TicketRepository.class.getMethod("findByStatus", Status.class);
		return new AotQuery.Builder(method, this.metadata, new SpelAwareProxyProjectionFactory(), this.target)
			.partition("gsi1", "status#{status}", KeyTemplate.Role.PARTITION, 0)
			.shape(false, false, false, null);
	}

	private int ticketMapping() {
		return AotQuery.mapping(this.converter.getRequiredEntity(Ticket.class));
	}

	@Test
	void aDerivedMethodPlannedForTheEntitysMappingIsBoundAtItsFirstCallAndOnlyThen() throws Exception {
		AotQuery query = findByStatus().mapped(ticketMapping()).build();

		assertThat(this.made).as("made when the repository is created").isEmpty();
		assertThat(query.execute(new Object[] { Status.OPEN })).isEqualTo(List.of("findByStatus", Status.OPEN));
		assertThat(query.execute(new Object[] { Status.CLOSED })).isEqualTo(List.of("findByStatus", Status.CLOSED));
		assertThat(this.made).containsExactly("query method findByStatus", "query findByStatus");
	}

	@Test
	void aDerivedMethodPlannedForAnotherMappingIsPlannedAgainWhenTheRepositoryIsCreated() throws Exception {
		findByStatus().mapped(ticketMapping() + 1).build();

		assertThat(this.made).containsExactly("query method findByStatus", "reflective findByStatus");
	}

	@Test
	void anIndexQueryDeclarationCheckedForTheEntitysMappingIsBoundAtItsFirstCall() throws Exception {
		AotQuery query = dueInMonth().mapped(ticketMapping()).build();

		assertThat(this.made).as("made when the repository is created").isEmpty();
		assertThat(query.execute(new Object[] { "assignee#ann", "2026-01" }))
			.isEqualTo(List.of("dueInMonth", "assignee#ann", "2026-01"));
		assertThat(this.made).containsExactly("query method dueInMonth", "query dueInMonth");
	}

	@Test
	void anIndexQueryDeclarationWithoutTheEntitysMappingIsBoundWhenTheRepositoryIsCreated() throws Exception {
		dueInMonth().build();

		assertThat(this.made).containsExactly("query method dueInMonth", "query dueInMonth");
	}

	@Test
	void theMappingsFingerprintIsTheHashOfTheDeclarationsAsTheirRecordsPrintThem() {
		SingleTablePersistentEntity<?> entity = this.converter.getRequiredEntity(Ticket.class);
		String declarations = entity.isCompressed() + "|" + entity.getPrefix() + "|" + entity.getIndexDefinitions();

		assertThat(entity.getIndexDefinitions()).hasSizeGreaterThanOrEqualTo(3);
		assertThat(AotQuery.mapping(entity)).isEqualTo(declarations.hashCode());
	}

	private AotQuery.Builder dueInMonth() throws NoSuchMethodException {
		Method method = TicketRepository.class.getMethod("dueInMonth", String.class, String.class);
		return new AotQuery.Builder(method, this.metadata, new SpelAwareProxyProjectionFactory(), this.target)
			.indexQuery("gsi3", IndexQuery.SortCondition.BEGINS_WITH, false);
	}

	/** The blocking template's target, recording what it makes; its queries answer their method and arguments. */
	private final class RecordingTarget implements AotQueryTarget {

		@Override
		public SingleTableConverter converter() {
			return AotQueryUnitTests.this.converter;
		}

		@Override
		public boolean reactive() {
			return false;
		}

		@Override
		public SingleTableQueryMethod queryMethod(Method method, RepositoryMetadata metadata,
				ProjectionFactory projections) {
			AotQueryUnitTests.this.made.add("query method " + method.getName());
			return new SingleTableQueryMethod(method, metadata, projections);
		}

		@Override
		public RepositoryQuery query(SingleTableQueryMethod method, SingleTablePersistentEntity<?> entity,
				QueryBinding binding) {
			AotQueryUnitTests.this.made.add("query " + method.getName());
			return answering(method);
		}

		@Override
		public RepositoryQuery collection(CollectionQueryMethod method) {
			throw new UnsupportedOperationException("No collection queries here");
		}

		@Override
		public RepositoryQuery reflective(Method method, RepositoryMetadata metadata, ProjectionFactory projections) {
			AotQueryUnitTests.this.made.add("reflective " + method.getName());
			return answering(new SingleTableQueryMethod(method, metadata, projections));
		}

		private RepositoryQuery answering(QueryMethod method) {
			return new RepositoryQuery() {

				@Override
				public @Nullable Object execute(Object[] parameters) {
					List<Object> answer = new ArrayList<>(List.of(method.getName()));
					answer.addAll(List.of(parameters));
					return answer;
				}

				@Override
				public QueryMethod getQueryMethod() {
					return method;
				}

			};
		}

	}

}
