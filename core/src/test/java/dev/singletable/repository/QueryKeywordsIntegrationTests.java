package dev.singletable.repository;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.query.InvalidSortException;
import dev.singletable.core.schema.TableIndex;
import dev.singletable.repository.badjobs.LikeJobRepository;
import dev.singletable.repository.badjobs.NotNullWithoutSparseIndexJobRepository;
import dev.singletable.repository.config.EnableSingleTableRepositories;
import dev.singletable.repository.jobs.Job;
import dev.singletable.repository.jobs.JobRepository;
import dev.singletable.repository.jobs.JobViews;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.MutableClock;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The derived query keywords users reach for first — {@code Top}/{@code First}, {@code Sort}, {@code Pageable}
 * and {@code Limit} parameters, {@code IsNull}/{@code IsNotNull}, {@code In} on a partition key — read without
 * scans, and the startup errors for what cannot be.
 */
class QueryKeywordsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension("singletable-jobs",
			new TableIndex("gsi4", "gsi4pk", "gsi4sk"));

	static final MutableClock clock = new MutableClock();

	private static final List<String> STATUSES = List.of("open", "closed", "held");

	private AnnotationConfigApplicationContext context;

	private JobRepository jobs;

	private Instant start;

	@BeforeEach
	void setUp() {
		this.start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		this.context = new AnnotationConfigApplicationContext(Config.class);
		this.jobs = this.context.getBean(JobRepository.class);
		// open: 0 3 6 9, closed: 1 4 7, held: 2 5 8; customers c0 (even), c1 (odd); assigned: 1 zoe, 2 amy, 5 kim
		for (int i = 0; i < 10; i++) {
			clock.set(this.start.plusSeconds(i));
			String assignee = switch (i) {
				case 1 -> "zoe";
				case 2 -> "amy";
				case 5 -> "kim";
				default -> null;
			};
			this.jobs.save(Job.of(i, STATUSES.get(i % 3), "c" + (i % 2), assignee));
		}
		dynamo.requests().reset();
	}

	@AfterEach
	void tearDown() {
		this.context.close();
	}

	@Test
	void topAndFirstCapTheResultsInIndexOrder() {
		assertThat(numbers(this.jobs.findTop3ByStatusOrderByUpdatedAtDesc("open"))).containsExactly(9, 6, 3);
		assertThat(this.jobs.findFirstByCustomerId("c1")).get().extracting(Job::number).isEqualTo(1);
		assertThat(this.jobs.findFirstByCustomerId("c9")).isEmpty();
		assertThat(queriesOn("gsi4", "gsi1")).as("one index query each, no scan").hasSize(3);
		assertThat(dynamo.requests().calls("Scan")).isZero();
	}

	@Test
	void topAndFirstWithSortPageableAndLimitArguments() {
		assertThat(numbers(this.jobs.findTop2ByStatus("open", Sort.by(Sort.Direction.DESC, "updatedAt"))))
			.containsExactly(9, 6);
		assertThat(numbers(this.jobs.findTop2ByStatus("open", Sort.unsorted()))).containsExactly(0, 3);
		assertThatExceptionOfType(InvalidSortException.class)
			.isThrownBy(() -> this.jobs.findTop2ByStatus("open", Sort.by("number")))
			.withMessageContaining("[updatedAt]");

		Page<Job> first = this.jobs.findTop5ByStatus("open", PageRequest.of(0, 3));
		assertThat(numbers(first.getContent())).containsExactly(0, 3, 6);
		assertThat(first.getTotalElements()).as("4 open jobs, capped by Top5").isEqualTo(4);
		assertThat(this.jobs.findTop5ByStatus("closed", PageRequest.of(0, 2, Sort.by(Sort.Direction.DESC, "updatedAt")))
			.getContent()).extracting(Job::number).containsExactly(7, 4);
		clock.set(this.start.plusSeconds(20));
		for (int i = 10; i < 14; i++) {
			this.jobs.save(Job.of(i, "open", "c0", null));
		}
		Page<Job> capped = this.jobs.findTop5ByStatus("open", PageRequest.of(1, 3));
		assertThat(numbers(capped.getContent())).as("the fourth and fifth open jobs, no more").containsExactly(9, 10);
		assertThat(capped.getTotalElements()).as("8 open jobs, but Top5 says 5").isEqualTo(5);
		assertThat(capped.isLast()).isTrue();

		dynamo.requests().reset();
		assertThat(numbers(this.jobs.findByStatus("open", Limit.of(2)))).containsExactly(0, 3);
		assertThat(dynamo.requests().sent(QueryRequest.class)).as("asks DynamoDB for no more than the limit")
			.singleElement()
			.satisfies((query) -> assertThat(query.limit()).isEqualTo(2));
		assertThat(numbers(this.jobs.findByStatus("open", Limit.unlimited()))).hasSize(8);
		assertThat(numbers(this.jobs.findFirst3ByStatus("open", Limit.of(2)))).as("the smaller cap wins").containsExactly(0, 3);
		assertThat(numbers(this.jobs.findFirst3ByStatus("open", Limit.of(10)))).containsExactly(0, 3, 6);
	}

	@Test
	void isNotNullOnASparseIndexKeyQueriesThatIndexWithoutAFilter() {
		assertThat(numbers(this.jobs.findByAssigneeIsNotNull())).as("in assignee order").containsExactly(2, 5, 1);
		assertThat(numbers(this.jobs.findByAssigneeIsNotNullAndAssigneeStartingWith("k"))).containsExactly(5);

		List<QueryRequest> queries = dynamo.requests().sent(QueryRequest.class);
		assertThat(queries).hasSize(2).allSatisfy((query) -> {
			assertThat(query.indexName()).isEqualTo("gsi3");
			assertThat(query.filterExpression()).isNull();
		});
		assertThat(queries.get(0).expressionAttributeValues().values()).extracting((value) -> value.s())
			.containsExactly("assigned");
		assertThat(dynamo.requests().calls("Scan")).isZero();
	}

	@Test
	void isNullAndIsNotNullElsewhereAreFiltersUnderAllowFiltering() {
		assertThat(numbers(this.jobs.findByCustomerIdAndAssigneeIsNull("c1"))).containsExactly(3, 7, 9);
		QueryRequest isNull = dynamo.requests().sent(QueryRequest.class).get(0);
		assertThat(isNull.indexName()).as("not the sparse gsi3, which lacks the unassigned").isEqualTo("gsi1");
		assertThat(isNull.filterExpression()).contains("attribute_not_exists");

		clock.set(this.start.plusSeconds(30));
		Job expiring = this.jobs.findFirstByCustomerId("c1").orElseThrow().expiringAt(this.start.plusSeconds(10_000));
		this.jobs.save(expiring);
		dynamo.requests().reset();
		assertThat(numbers(this.jobs.findByCustomerIdAndExpiresAtIsNotNull("c1"))).containsExactly(1);
		QueryRequest isNotNull = dynamo.requests().sent(QueryRequest.class).get(0);
		assertThat(isNotNull.indexName()).isEqualTo("gsi1");
		assertThat(isNotNull.filterExpression()).contains("attribute_exists");
	}

	@Test
	void inOnAPartitionKeyQueriesEachPartitionAndMergesInIndexOrder() {
		assertThat(numbers(this.jobs.findByStatusIn(List.of("held", "open")))).containsExactly(0, 2, 3, 5, 6, 8, 9);
		List<QueryRequest> queries = dynamo.requests().sent(QueryRequest.class);
		assertThat(queries).hasSize(2).allSatisfy((query) -> {
			assertThat(query.indexName()).isEqualTo("gsi4");
			assertThat(query.filterExpression()).isNull();
		});
		assertThat(queries).extracting((query) -> query.expressionAttributeValues().values().iterator().next().s())
			.containsExactlyInAnyOrder("status#held", "status#open");

		assertThat(numbers(this.jobs.findByStatusInOrderByUpdatedAtDesc(List.of("closed", "held", "closed"))))
			.containsExactly(8, 7, 5, 4, 2, 1);
		assertThat(numbers(this.jobs.findTop3ByStatusIn(List.of("closed", "held"), Sort.by(Sort.Direction.DESC, "updatedAt"))))
			.containsExactly(8, 7, 5);
		try (Stream<Job> stream = this.jobs.streamByStatusIn(List.of("open", "closed"))) {
			assertThat(stream.map(Job::number)).containsExactly(0, 1, 3, 4, 6, 7, 9);
		}
		assertThat(this.jobs.countByStatusIn(List.of("open", "held"))).isEqualTo(7);
		assertThat(this.jobs.existsByStatusIn(List.of("gone", "held"))).isTrue();
		assertThat(this.jobs.existsByStatusIn(List.of("gone"))).isFalse();
		assertThat(this.jobs.findFirstByStatusInOrderByUpdatedAtDesc(List.of("open", "closed"))).get()
			.extracting(Job::number).isEqualTo(9);

		Page<Job> page = this.jobs.findPageByStatusIn(List.of("open", "held"), PageRequest.of(1, 3));
		assertThat(numbers(page.getContent())).containsExactly(5, 6, 8);
		assertThat(page.getTotalElements()).isEqualTo(7);
		Slice<Job> slice = this.jobs.findSliceByStatusIn(List.of("open", "held"), PageRequest.of(2, 3));
		assertThat(numbers(slice.getContent())).containsExactly(9);
		assertThat(slice.hasNext()).isFalse();

		assertThat(numbers(this.jobs.findByCustomerIdIn("c1", "c0"))).as("gsi1 sorts by pk: creation order")
			.containsExactly(IntStream.range(0, 10).boxed().toArray(Integer[]::new));
	}

	@Test
	void projectionsOfInQueriesAndPagesAreBuiltAfterTheMergeAndTheSkip() {
		assertThat(this.jobs.findNumbersByStatusInOrderByUpdatedAtDesc(List.of("held", "open")))
			.extracting(JobViews.JobNumber::getNumber)
			.containsExactly(9, 8, 6, 5, 3, 2, 0);
		List<QueryRequest> partitions = dynamo.requests().sent(QueryRequest.class);
		assertThat(partitions).as("each partition reads the projection's attributes and the merge order's")
			.hasSize(2)
			.allSatisfy((query) -> assertThat(query.expressionAttributeNames().values()).contains("number", "updated_at")
				.doesNotContain("status", "customer_id", "customerId"));

		dynamo.requests().reset();
		Page<JobViews.JobSummary> merged = this.jobs.findProjectedByStatusIn(List.of("open", "held"),
				PageRequest.of(1, 3), JobViews.JobSummary.class);
		assertThat(merged.getContent()).containsExactly(new JobViews.JobSummary(5, "held"),
				new JobViews.JobSummary(6, "open"), new JobViews.JobSummary(8, "held"));
		assertThat(merged.getTotalElements()).isEqualTo(7);
		assertThat(this.jobs.findProjectedByStatusIn(List.of("held"), PageRequest.of(0, 2), Job.class).getContent())
			.as("the entity class as a dynamic projection")
			.extracting(Job::number)
			.containsExactly(2, 5);

		dynamo.requests().reset();
		Page<JobViews.JobSummary> page = this.jobs.findSummariesByStatus("open", PageRequest.of(1, 2));
		assertThat(page.getContent()).containsExactly(new JobViews.JobSummary(6, "open"),
				new JobViews.JobSummary(9, "open"));
		assertThat(page.getTotalElements()).isEqualTo(4);
		List<QueryRequest> reads = dynamo.requests().sent(QueryRequest.class);
		assertThat(reads.get(0).expressionAttributeNames().values()).as("the first page is skipped keys-only")
			.contains("pk", "sk", "gsi4pk", "gsi4sk")
			.doesNotContain("number", "status");
		assertThat(reads.get(1).expressionAttributeNames().values()).as("the page reads what the DTO needs")
			.contains("number", "status")
			.doesNotContain("customer_id", "customerId");
		assertThat(reads.get(1).exclusiveStartKey()).as("right after the skipped ones").isNotEmpty();
	}

	@Test
	void inRefusesMoreValuesThanTheCapAndEmptyOnesAtTheCall() {
		List<String> many = IntStream.range(0, 26).mapToObj((i) -> "s" + i).toList();
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.jobs.findByStatusIn(many))
			.withMessageContaining("JobRepository.findByStatusIn")
			.withMessageContaining("at most 25")
			.withMessageContaining("got 26");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.jobs.findByStatusIn(List.of()))
			.withMessageContaining("non-empty");
		assertThat(dynamo.requests().calls()).as("refused before reading").isZero();
		Collection<String> twentyFive = many.subList(0, 25);
		assertThat(this.jobs.findByStatusIn(twentyFive)).isEmpty();
		assertThat(dynamo.requests().calls("Query")).isEqualTo(25);
	}

	@Test
	void inOnAPartitionKeyScrollsAWindow() {
		Window<Job> first = this.jobs.findWindowByStatusIn(List.of("held", "open"), ScrollPosition.keyset(), Limit.of(3));
		assertThat(numbers(first.getContent())).containsExactly(0, 2, 3);
		Window<Job> next = this.jobs.findWindowByStatusIn(List.of("held", "open"), first.positionAt(2), Limit.of(3));
		assertThat(numbers(next.getContent())).containsExactly(5, 6, 8);
		Window<Job> last = this.jobs.findWindowByStatusIn(List.of("held", "open"), next.positionAt(2), Limit.of(3));
		assertThat(numbers(last.getContent())).containsExactly(9);
		assertThat(last.hasNext()).isFalse();
	}

	@Test
	void unsupportedCombinationsFailAtStartupNamingMethodKeywordAndWhatIsSupported() {
		assertThat(startupFailure(NotNullWithoutSparseIndexJobRepository.class))
			.contains("NotNullWithoutSparseIndexJobRepository.findByCustomerIdIsNotNull")
			.contains("gsi1 (partition 'customer#{customerId}'")
			.contains("partitioned by 'customerId'")
			.contains("would filter on [customerId]");
		assertThat(startupFailure(LikeJobRepository.class)).contains("LikeJobRepository.findByStatusAndAssigneeLike")
			.contains("IsLike/Like")
			.contains("IsNotNull on a property of a sparse index's keys");
	}

	private static String startupFailure(Class<?> repository) {
		Class<?> config = (repository == LikeJobRepository.class) ? LikeConfig.class : NotNullConfig.class;
		Throwable failure = null;
		try {
			new AnnotationConfigApplicationContext(config).close();
		}
		catch (BeanCreationException ex) {
			failure = ex;
		}
		assertThat(failure).as("startup of " + repository.getSimpleName()).isNotNull();
		StringBuilder messages = new StringBuilder();
		for (Throwable current = failure; current != null; current = current.getCause()) {
			messages.append(current.getMessage()).append('\n');
		}
		return messages.toString();
	}

	private List<QueryRequest> queriesOn(String... indexes) {
		List<QueryRequest> queries = new ArrayList<>(dynamo.requests().sent(QueryRequest.class));
		queries.removeIf((query) -> !List.of(indexes).contains(query.indexName()));
		return queries;
	}

	private static List<Integer> numbers(List<Job> jobs) {
		return jobs.stream().map(Job::number).toList();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableRepositories(basePackageClasses = JobRepository.class)
	static class Config {

		@Bean
		SingleTableTemplate singleTableTemplate() {
			SingleTableTemplate template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
			template.setClock(clock);
			return template;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadConfig {

		@Bean
		SingleTableTemplate singleTableTemplate() {
			return new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableRepositories(basePackageClasses = LikeJobRepository.class, includeFilters = @ComponentScan.Filter(
			type = FilterType.ASSIGNABLE_TYPE, classes = NotNullWithoutSparseIndexJobRepository.class))
	static class NotNullConfig extends BadConfig {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableRepositories(basePackageClasses = LikeJobRepository.class, includeFilters = @ComponentScan.Filter(
			type = FilterType.ASSIGNABLE_TYPE, classes = LikeJobRepository.class))
	static class LikeConfig extends BadConfig {

	}

}
