package dev.singletable.repository.query;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Sort;
import org.springframework.data.repository.core.RepositoryInformation;
import org.springframework.data.repository.core.support.RepositoryFactoryInformation;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.repository.collections.Customer;
import dev.singletable.repository.collections.CustomerRepository;
import dev.singletable.repository.collections.Invoice;
import dev.singletable.repository.collections.Order;
import dev.singletable.repository.collections.ReactiveCustomerRepository;
import dev.singletable.repository.config.EnableReactiveSingleTableRepositories;
import dev.singletable.repository.config.EnableSingleTableRepositories;
import dev.singletable.repository.sample.Ticket;
import dev.singletable.repository.sample.Ticket.Status;
import dev.singletable.repository.sample.TicketRepository;
import dev.singletable.repository.support.SimpleReactiveSingleTableRepository;
import dev.singletable.repository.support.SimpleSingleTableRepository;
import dev.singletable.test.AheadOfTimeApplication;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The AOT repositories {@link SingleTableRepositoryAotProcessor} generates: {@code process-aot} of an application
 * with blocking and reactive repositories writes each one's {@code …Impl__AotRepository} fragment, whose derived
 * methods state their plans as code and whose {@code @IndexQuery} and {@code @CollectionQuery} methods their
 * declarations; the application started from the generated code (compiled here as the build would) runs those
 * methods through the fragment, not the query lookup, and answers and fails as the reflective repository does on the
 * same table.
 */
class SingleTableRepositoryAotProcessorIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	@TempDir
	static Path directory;

	private static AheadOfTimeApplication application;

	@BeforeAll
	static void processAheadOfTime() throws IOException {
		application = AheadOfTimeApplication.process(AotConfig.class, directory);
	}

	@AfterAll
	static void close() throws IOException {
		application.close();
	}

	@Test
	void processAotGeneratesTheRepositorysFragmentWithEachDerivedMethodsPlan() {
		String fragment = application.source("TicketRepositoryImpl__AotRepository.java");
		assertThat(fragment).contains("extends SingleTableAotRepositoryFragmentSupport")
			.contains("derived(\"findByStatus\", Ticket.Status.class)")
			.contains("derived(\"countByProject\", String.class)")
			.contains(".shape(false, true, false, null)")
			.contains("derived(\"findByAssigneeAndDueDateBetween\", String.class, LocalDate.class, LocalDate.class)")
			.contains(".sort(Part.Type.BETWEEN")
			.contains(".filter(\"priority\", Part.Type.GREATER_THAN, 1, 1, ")
			.contains("public List<Ticket> findByStatus(Ticket.Status status)");
		// the fragment is created reflectively, and looks the repository's methods up by name
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of("dev.singletable.repository.sample.TicketRepositoryImpl__AotRepository"))
			.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(application.hints());
		assertThat(RuntimeHintsPredicates.reflection().onType(TicketRepository.class)
			.withMemberCategory(MemberCategory.INVOKE_PUBLIC_METHODS)).accepts(application.hints());
	}

	@Test
	void processAotStatesIndexQueryAndCollectionQueryDeclarationsAndGeneratesReactiveFragments() {
		assertThat(application.source("TicketRepositoryImpl__AotRepository.java"))
			.contains("declared(\"dueInMonth\", String.class, String.class)")
			.contains(".indexQuery(\"gsi3\", IndexQuery.SortCondition.BEGINS_WITH, false)\n            .mapped(");
		assertThat(application.source("/CustomerRepositoryImpl__AotRepository.java"))
			.contains("extends SingleTableAotRepositoryFragmentSupport")
			.contains("declared(\"findCustomerView\", String.class, String.class, Limit.class)")
			.contains(".collectionQuery(\"gsi1\", Customer.class, Order.class, Invoice.class)")
			.contains(".collectionQuery(\"gsi1\", Order.class, Invoice.class)");
		assertThat(application.source("ReactiveCustomerRepositoryImpl__AotRepository.java"))
			.contains("extends ReactiveSingleTableAotRepositoryFragmentSupport")
			.contains("ReactiveSingleTableOperations operations")
			.contains(".collectionQuery(\"gsi1\", Customer.class, Order.class, Invoice.class)");
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of("dev.singletable.repository.collections.ReactiveCustomerRepositoryImpl__AotRepository"))
			.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(application.hints());
	}

	@Test
	void theHintsCoverWhatTheRepositoriesReflectOnAtRunTime() {
		RuntimeHints hints = application.hints();
		for (Class<?> repository : List.of(TicketRepository.class, CustomerRepository.class,
				ReactiveCustomerRepository.class)) {
			// the fragment finds its methods by name; the repository proxy invokes them
			assertThat(RuntimeHintsPredicates.reflection().onType(repository)
				.withMemberCategory(MemberCategory.INVOKE_PUBLIC_METHODS)).accepts(hints);
			assertThat(RuntimeHintsPredicates.reflection()
				.onType(TypeReference.of(repository.getName() + "Impl__AotRepository"))
				.withMemberCategories(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS, MemberCategory.INVOKE_PUBLIC_METHODS))
				.accepts(hints);
		}
		// the base classes, created by the factories through their constructors and invoked by the proxies
		for (Class<?> base : List.of(SimpleSingleTableRepository.class, SimpleReactiveSingleTableRepository.class)) {
			assertThat(RuntimeHintsPredicates.reflection().onType(base)
				.withMemberCategories(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS, MemberCategory.INVOKE_PUBLIC_METHODS))
				.accepts(hints);
		}
		// the types a @CollectionQuery reads, mapped and written as JSON though no repository's domain type
		for (Class<?> type : List.of(Customer.class, Order.class, Invoice.class, Ticket.class)) {
			assertThat(RuntimeHintsPredicates.reflection().onType(type)
				.withMemberCategories(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS, MemberCategory.ACCESS_DECLARED_FIELDS,
						MemberCategory.INVOKE_DECLARED_METHODS))
				.as(type.getSimpleName()).accepts(hints);
		}
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Invoice.class, "customerId")).accepts(hints);
	}

	@Test
	void theApplicationStartedFromTheGeneratedCodeRunsTheFragmentAndAnswersAsTheReflectiveRepository()
			throws Exception {
		try (AnnotationConfigApplicationContext reflective = new AnnotationConfigApplicationContext(AotConfig.class);
				GenericApplicationContext aot = application.start()) {
			TicketRepository stored = reflective.getBean(TicketRepository.class);
			stored.save(Ticket.of("a", Status.OPEN, "alpha", "ann", LocalDate.of(2025, 1, 3), 5));
			stored.save(Ticket.of("b", Status.CLOSED, "alpha", "ann", LocalDate.of(2025, 1, 1), 9));
			stored.save(Ticket.of("c", Status.OPEN, "beta", "bob", LocalDate.of(2025, 1, 2), 1));
			TicketRepository generated = aot.getBean(TicketRepository.class);

			RepositoryInformation information = aot.getBean("&ticketRepository", RepositoryFactoryInformation.class)
				.getRepositoryInformation();
			Method findByStatus = TicketRepository.class.getMethod("findByStatus", Status.class);
			Method dueInMonth = TicketRepository.class.getMethod("dueInMonth", String.class, String.class);
			assertThat(information.isCustomMethod(findByStatus)).as("findByStatus runs in the generated fragment")
				.isTrue();
			assertThat(information.isCustomMethod(dueInMonth)).as("dueInMonth runs in the generated fragment")
				.isTrue();
			assertThat(information.getQueryMethods()).doesNotContain(findByStatus, dueInMonth);

			List<Function<TicketRepository, Object>> calls = List.of((tickets) -> tickets.findByStatus(Status.OPEN),
					(tickets) -> tickets.findByStatusOrderByIdDesc(Status.OPEN),
					(tickets) -> tickets.countByProject("alpha"), (tickets) -> tickets.existsByStatus(Status.CLOSED),
					(tickets) -> tickets.findByAssigneeAndDueDateBetween("ann", LocalDate.of(2025, 1, 1),
							LocalDate.of(2025, 1, 2)),
					(tickets) -> tickets.findByAssigneeAndDueDateBefore("ann", LocalDate.of(2025, 1, 3)),
					(tickets) -> tickets.findByAssignee("ann", Sort.by(Sort.Direction.DESC, "dueDate")),
					(tickets) -> tickets.findFirstByAssigneeOrderByDueDateDesc("ann"),
					(tickets) -> tickets.findTop2ByAssigneeAndDueDateGreaterThanEqual("ann", LocalDate.of(2025, 1, 1)),
					(tickets) -> tickets.findByStatusAndPriorityGreaterThan(Status.OPEN, 2),
					(tickets) -> tickets.dueInMonth("assignee#ann", "2025-01"),
					// the same refusals: a null key value, a sort the index cannot give
					(tickets) -> tickets.findByAssigneeAndDueDateBefore(null, LocalDate.of(2025, 1, 3)),
					(tickets) -> tickets.findByAssignee("ann", Sort.by("title")));
			for (Function<TicketRepository, Object> call : calls) {
				assertThat(outcome(call, generated)).isEqualTo(outcome(call, stored));
			}
			assertThat(outcome(calls.get(0), generated)).asString().contains("title=a").contains("title=c");
			assertThat(outcome(calls.get(10), generated)).asString().contains("title=a").contains("title=b");
		}
	}

	@Test
	void collectionQueriesOfTheGeneratedFragmentsReadTheSamePagesAsTheReflectiveOnes() throws Exception {
		try (AnnotationConfigApplicationContext reflective = new AnnotationConfigApplicationContext(AotConfig.class);
				GenericApplicationContext aot = application.start()) {
			SingleTableTemplate template = reflective.getBean(SingleTableTemplate.class);
			template.save(new Customer("c1", "Ann"));
			for (int i = 0; i < 3; i++) {
				template.create(new Order("o" + i, null, "c1", i));
				template.save(new Invoice("i" + i, "c1", "open"));
			}
			for (Class<?> repository : List.of(CustomerRepository.class, ReactiveCustomerRepository.class)) {
				String bean = Character.toLowerCase(repository.getSimpleName().charAt(0))
						+ repository.getSimpleName().substring(1);
				Method findCustomerView = repository.getMethod("findCustomerView", String.class, String.class,
						Limit.class);
				RepositoryInformation information = aot.getBean("&" + bean, RepositoryFactoryInformation.class)
					.getRepositoryInformation();
				assertThat(information.isCustomMethod(findCustomerView)).as(repository.getSimpleName() + " in the fragment").isTrue();
			}
			CustomerRepository customers = aot.getBean(CustomerRepository.class);
			ReactiveCustomerRepository reactiveCustomers = aot.getBean(ReactiveCustomerRepository.class);
			CustomerRepository stored = reflective.getBean(CustomerRepository.class);

			assertThat(customers.findCustomerView("customer#c1", null, Limit.of(4)).items())
				.isEqualTo(stored.findCustomerView("customer#c1", null, Limit.of(4)).items())
				.hasSize(4);
			assertThat(customers.findBilling("customer#c1").size()).isEqualTo(6);
			assertThat(reactiveCustomers.findCustomerView("customer#c1", null, Limit.of(10))
				.block(Duration.ofSeconds(10))
				.items()).isEqualTo(stored.findCustomerView("customer#c1", null, Limit.of(10)).items()).hasSize(7);
			// the same refusal of a null partition value
			assertThat(outcome(() -> customers.findBilling(null))).isEqualTo(outcome(() -> stored.findBilling(null)))
				.contains("customerKey").contains("must not be null");
			assertThat(outcome(() -> reactiveCustomers.findCustomerView(null, null, Limit.of(1))
				.block(Duration.ofSeconds(10)))).contains("customerKey").contains("must not be null");
		}
	}

	@Test
	void theGeneratedFragmentRunsOnTheTemplateTheConfigurationNamesNotAnyOfItsType() throws Exception {
		try (AheadOfTimeApplication twoTemplates = AheadOfTimeApplication.process(TwoTemplatesConfig.class,
				directory.resolve("two-templates"));
				GenericApplicationContext aot = twoTemplates.start()) {
			assertThat(twoTemplates.source("TicketRepository__BeanDefinitions.java")).contains("\"ticketTemplate\"");
			TicketRepository tickets = aot.getBean(TicketRepository.class);
			Ticket saved = tickets.save(Ticket.of("named", Status.OPEN, "alpha", "ann", LocalDate.of(2025, 1, 3), 5));

			assertThat(tickets.findByStatus(Status.OPEN)).containsExactly(saved);
			assertThat(tickets.dueInMonth("assignee#ann", "2025-01")).containsExactly(saved);
		}
	}

	/** What a call answers, or the type and message of what it throws. */
	private static Object outcome(Function<TicketRepository, Object> call, TicketRepository tickets) {
		return outcome(() -> call.apply(tickets));
	}

	private static String outcome(java.util.function.Supplier<Object> call) {
		Throwable thrown = catchThrowable(call::get);
		if (thrown != null) {
			return thrown.getClass().getName() + ": " + thrown.getMessage();
		}
		return String.valueOf(call.get());
	}

	/** Two templates, the repository's named by the configuration; the other on a table that does not exist. */
	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableRepositories(basePackageClasses = TicketRepository.class, singleTableTemplateRef = "ticketTemplate",
			includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = TicketRepository.class))
	public static class TwoTemplatesConfig {

		@Bean
		public SingleTableTemplate ticketTemplate() {
			return new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		}

		@Bean
		public SingleTableTemplate otherTemplate() {
			return new SingleTableTemplate(dynamo.client(), "no-such-table");
		}

	}

	/** Public: the generated bean definitions, in another class loader, create it. */
	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableRepositories(basePackageClasses = { TicketRepository.class, CustomerRepository.class },
			includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE,
					classes = { TicketRepository.class, CustomerRepository.class }))
	@EnableReactiveSingleTableRepositories(basePackageClasses = CustomerRepository.class,
			includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = ReactiveCustomerRepository.class))
	public static class AotConfig {

		@Bean
		public SingleTableTemplate singleTableTemplate() {
			return new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		}

		@Bean(destroyMethod = "close")
		public DynamoDbAsyncClient dynamoDbAsyncClient() {
			return DynamoDbLocal.newAsyncClient();
		}

		@Bean
		public ReactiveSingleTableTemplate reactiveSingleTableTemplate(DynamoDbAsyncClient client,
				SingleTableTemplate template) {
			return new ReactiveSingleTableTemplate(client, dynamo.tableName(), template.getConverter());
		}

	}

}
