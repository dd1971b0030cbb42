package dev.singletable.repository;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.query.Filter;
import dev.singletable.core.query.InvalidSortException;
import dev.singletable.core.schema.TableIndex;
import dev.singletable.repository.config.EnableSingleTableRepositories;
import dev.singletable.repository.contracts.Lease;
import dev.singletable.repository.contracts.LeaseRepository;
import dev.singletable.repository.jobs.Job;
import dev.singletable.repository.jobs.JobListingRepository;
import dev.singletable.repository.jobs.JobRepository;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.MutableClock;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code findAll(Sort)} and {@code findAll(Pageable)} of {@code ListPagingAndSortingRepository}, read from the type
 * index in the order of its sort key.
 */
class PagingAndSortingRepositoryIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension("singletable-jobs",
			new TableIndex("gsi4", "gsi4pk", "gsi4sk"));

	static final MutableClock clock = new MutableClock();

	private AnnotationConfigApplicationContext context;

	private JobRepository jobs;

	private LeaseRepository leases;

	private Instant start;

	@BeforeEach
	void setUp() {
		this.start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		clock.set(this.start);
		this.context = new AnnotationConfigApplicationContext(Config.class);
		this.jobs = this.context.getBean(JobRepository.class);
		this.leases = this.context.getBean(LeaseRepository.class);
	}

	@AfterEach
	void tearDown() {
		this.context.close();
	}

	@Test
	void findAllBySortReadsTheTypeIndexInUpdateOrderEitherWay() {
		List<Job> saved = saveJobs(5);
		// the first job is updated last, so update order differs from creation order
		clock.set(this.start.plusSeconds(100));
		Job first = this.jobs.save(saved.get(0));

		assertThat(numbers(this.jobs.findAll(Sort.by("updatedAt")))).containsExactly(1, 2, 3, 4, 0);
		assertThat(numbers(this.jobs.findAll(Sort.by(Sort.Direction.DESC, "updatedAt")))).containsExactly(0, 4, 3, 2, 1);
		assertThat(numbers(this.jobs.findAll(Sort.by(Sort.Direction.DESC, "updated_at")))).as("the stored name")
			.containsExactly(0, 4, 3, 2, 1);
		assertThat(numbers(this.jobs.findAll(Sort.unsorted()))).as("index order").containsExactly(1, 2, 3, 4, 0);
		assertThat(this.jobs.findAll(Sort.by("updatedAt")).get(4)).isEqualTo(first);
		List<QueryRequest> queries = dynamo.requests().sent(QueryRequest.class);
		assertThat(queries).isNotEmpty().allSatisfy((query) -> assertThat(query.indexName()).isEqualTo("gsitype"));
	}

	@Test
	void anyOtherSortIsRefusedNamingTheSortableProperties() {
		saveJobs(2);
		dynamo.requests().reset();

		for (Sort sort : List.of(Sort.by("number"), Sort.by("updatedAt", "number"), Sort.by(Sort.Order.asc("updatedAt").ignoreCase()))) {
			assertThatExceptionOfType(InvalidSortException.class).isThrownBy(() -> this.jobs.findAll(sort))
				.withMessageContaining("Job")
				.withMessageContaining("[updatedAt, updated_at]");
			assertThatExceptionOfType(InvalidSortException.class)
				.isThrownBy(() -> this.jobs.findAll(PageRequest.of(0, 2, sort)))
				.withMessageContaining("[updatedAt, updated_at]");
		}
		assertThat(dynamo.requests().calls()).as("refused before reading").isZero();
	}

	@Test
	void pagesCarryTheirTotalsAndTheLastPageIsShort() {
		saveJobs(7);

		Page<Job> first = this.jobs.findAll(PageRequest.of(0, 3));
		assertThat(numbers(first.getContent())).containsExactly(0, 1, 2);
		assertThat(first.getTotalElements()).isEqualTo(7);
		assertThat(first.getTotalPages()).isEqualTo(3);
		assertThat(first.hasNext()).isTrue();

		dynamo.requests().reset();
		Page<Job> second = this.jobs.findAll(PageRequest.of(1, 3, Sort.by(Sort.Direction.DESC, "updatedAt")));
		assertThat(numbers(second.getContent())).containsExactly(3, 2, 1);
		assertThat(second.getTotalElements()).isEqualTo(7);
		List<QueryRequest> reads = dynamo.requests().sent(QueryRequest.class);
		assertThat(reads.get(0).projectionExpression()).as("the first page's items are skipped reading keys only")
			.isNotNull();
		assertThat(reads.get(0).expressionAttributeNames().values()).contains("pk", "sk", "gsitype", "gsitypesk",
				"ttl").doesNotContain("data", "number");
		assertThat(reads.get(0).limit()).isEqualTo(3);
		assertThat(reads.get(1).projectionExpression()).as("the page itself is read whole").isNull();
		assertThat(reads.get(1).exclusiveStartKey()).as("right after the skipped ones").isNotEmpty();

		dynamo.requests().reset();
		Page<Job> last = this.jobs.findAll(PageRequest.of(2, 3));
		assertThat(numbers(last.getContent())).containsExactly(6);
		assertThat(last.isLast()).isTrue();
		assertThat(last.getTotalElements()).isEqualTo(7);
		assertThat(dynamo.requests().sent(QueryRequest.class)).as("a short last page shows its total: no COUNT")
			.noneMatch((query) -> query.select() != null && "COUNT".equals(query.selectAsString()));

		Page<Job> beyond = this.jobs.findAll(PageRequest.of(5, 3));
		assertThat(beyond.getContent()).isEmpty();
		assertThat(beyond.getTotalElements()).isEqualTo(7);

		Page<Job> all = this.jobs.findAll(Pageable.unpaged());
		assertThat(numbers(all.getContent())).containsExactly(0, 1, 2, 3, 4, 5, 6);
		assertThat(all.getTotalElements()).isEqualTo(7);
	}

	@Test
	void aReadOnlyRepositoryPagesAndSortsToo() {
		saveJobs(5);
		JobListingRepository listing = this.context.getBean(JobListingRepository.class);

		Page<Job> page = listing.findAll(PageRequest.of(1, 2, Sort.by(Sort.Direction.DESC, "updatedAt")));
		assertThat(numbers(page.getContent())).containsExactly(2, 1);
		assertThat(page.getTotalElements()).isEqualTo(5);
		assertThat(numbers(listing.findAll(Sort.by("updated_at")))).containsExactly(0, 1, 2, 3, 4);
		assertThatExceptionOfType(InvalidSortException.class).isThrownBy(() -> listing.findAll(Sort.by("status")));
	}

	@Test
	void anEmptyTypeHasOneEmptyPage() {
		this.leases.save(Lease.of("ann", 1, null));

		Page<Job> page = this.jobs.findAll(PageRequest.of(0, 5));
		assertThat(page.getContent()).isEmpty();
		assertThat(page.getTotalElements()).isZero();
		assertThat(page.getTotalPages()).isZero();
		assertThat(this.jobs.findAll(Sort.by("updatedAt"))).isEmpty();
	}

	@Test
	void expiredItemsAndOtherTypesAreNeitherReturnedNorCounted() {
		List<Job> saved = saveJobs(6);
		this.jobs.save(saved.get(1).expiringAt(this.start.plusSeconds(50)));
		this.jobs.save(saved.get(4).expiringAt(this.start.plusSeconds(50)));
		for (int i = 0; i < 3; i++) {
			this.leases.save(Lease.of("ann", i, null));
		}
		clock.set(this.start.plusSeconds(500));

		Page<Job> first = this.jobs.findAll(PageRequest.of(0, 2));
		assertThat(numbers(first.getContent())).containsExactly(0, 2);
		assertThat(first.getTotalElements()).as("counted server-side without the expired and the leases").isEqualTo(4);
		assertThat(dynamo.requests().sent(QueryRequest.class)).anyMatch((query) -> "COUNT".equals(query.selectAsString()));
		assertThat(numbers(this.jobs.findAll(PageRequest.of(1, 2)).getContent())).containsExactly(3, 5);
		assertThat(numbers(this.jobs.findAll(Sort.by(Sort.Direction.DESC, "updatedAt")))).containsExactly(5, 3, 2, 0);
	}

	@Test
	void anOffsetSkipsResultsKeysOnlyThroughFiltersAndAfterAPredicate() {
		saveJobs(8);
		SingleTableTemplate template = this.context.getBean(SingleTableTemplate.class);

		dynamo.requests().reset();
		assertThat(numbers(template.query(Job.class).filter(Filter.property("number").ge(3)).offset(2).limit(2).all()))
			.containsExactly(5, 6);
		assertThat(dynamo.requests().sent(QueryRequest.class).get(0).projectionExpression()).isNotNull();
		assertThat(numbers(template.query(Job.class).where((job) -> job.number() % 2 == 0).offset(1).limit(2).all()))
			.as("a predicate needs the whole item: read and skipped")
			.containsExactly(2, 4);
		assertThat(numbers(template.query(Job.class).descending().offset(6).all())).containsExactly(1, 0);
		assertThat(template.query(Job.class).offset(8).all()).isEmpty();
		assertThat(template.query(Job.class).offset(20).limit(3).all()).isEmpty();
	}

	private List<Job> saveJobs(int count) {
		List<Job> saved = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			clock.set(this.start.plusSeconds(i));
			saved.add(this.jobs.save(Job.of(i, "open", "c" + (i % 2), null)));
		}
		return saved;
	}

	private static List<Integer> numbers(List<Job> jobs) {
		return jobs.stream().map(Job::number).toList();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableRepositories(basePackageClasses = { JobRepository.class, LeaseRepository.class })
	static class Config {

		@Bean
		SingleTableTemplate singleTableTemplate() {
			SingleTableTemplate template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
			template.setClock(clock);
			return template;
		}

	}

}
