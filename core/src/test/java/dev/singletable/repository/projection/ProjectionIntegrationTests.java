package dev.singletable.repository.projection;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Window;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.repository.config.EnableSingleTableRepositories;
import dev.singletable.repository.sample.Label;
import dev.singletable.repository.sample.Ticket;
import dev.singletable.repository.sample.Ticket.Status;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 item 1: every projection form (closed and open interfaces, DTO classes, records, dynamic) for derived,
 * declared and by-id methods, on an uncompressed ({@link Label}) and a compressed ({@link Ticket}) type, and
 * paged and streamed results.
 */
class ProjectionIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private AnnotationConfigApplicationContext context;

	private ProjectedLabelRepository labels;

	private ProjectedTicketRepository tickets;

	private Label red;

	private Ticket first;

	@BeforeEach
	void setUp() {
		this.context = new AnnotationConfigApplicationContext(Config.class);
		this.labels = this.context.getBean(ProjectedLabelRepository.class);
		this.tickets = this.context.getBean(ProjectedTicketRepository.class);
		this.red = this.labels.save(Label.of("red", "apple", 3));
		this.labels.save(Label.of("red", "cherry", 7));
		this.labels.save(Label.of("blue", "sky", 1));
		this.first = this.tickets.save(Ticket.of("Fix login", Status.OPEN, "web", "ann", LocalDate.of(2025, 1, 2), 2));
		this.tickets.save(Ticket.of("Add search", Status.OPEN, "web", "bob", LocalDate.of(2025, 1, 3), 5));
		this.tickets.save(Ticket.of("Old bug", Status.CLOSED, "api", "ann", LocalDate.of(2025, 1, 4), 1));
		dynamo.requests().reset();
	}

	@AfterEach
	void tearDown() {
		this.context.close();
	}

	@Test
	void derivedMethodsProjectAnUncompressedTypeInEveryForm() {
		assertThat(this.labels.findNamesByColor("red")).extracting(LabelViews.Name::getName, LabelViews.Name::getWeight)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("apple", 3),
					org.assertj.core.groups.Tuple.tuple("cherry", 7));
		assertThat(this.labels.findOpenByColor("red")).extracting(LabelViews.Open::getDescription)
			.containsExactlyInAnyOrder("red/apple", "red/cherry");
		assertThat(this.labels.findSummariesByColor("blue")).singleElement()
			.satisfies((summary) -> assertThat(summary.name() + summary.weight()).isEqualTo("sky1"));
		assertThat(this.labels.findRecordsByColor("blue")).containsExactly(new LabelViews.ColorAndName("blue", "sky"));
		assertThat(this.labels.findByColor("blue", LabelViews.ColorAndName.class))
			.containsExactly(new LabelViews.ColorAndName("blue", "sky"));
		assertThat(this.labels.findByColor("blue", LabelViews.Name.class)).extracting(LabelViews.Name::getName)
			.containsExactly("sky");
		assertThat(this.labels.findByColor("blue", Label.class)).extracting(Label::name).containsExactly("sky");
	}

	@Test
	void aClosedProjectionOfAnUncompressedTypeReadsOnlyTheAttributesItNeeds() {
		List<LabelViews.Name> names = this.labels.findNamesByColor("red");
		assertThat(names).extracting(LabelViews.Name::getName).containsExactlyInAnyOrder("apple", "cherry");
		QueryRequest request = dynamo.requests().sent(QueryRequest.class).get(0);
		assertThat(request.projectionExpression()).isNotNull();
		List<String> projected = Stream.of(request.projectionExpression().split(", "))
			.map((alias) -> request.expressionAttributeNames().get(alias))
			.toList();
		assertThat(projected).contains("pk", "sk", "gsi1pk", "name", "weight").doesNotContain("color", "hidden");
		dynamo.requests().reset();
		this.labels.findByColor("red", LabelViews.ColorAndName.class);
		QueryRequest dto = dynamo.requests().sent(QueryRequest.class).get(0);
		assertThat(dto.projectionExpression()).isNotNull();
		assertThat(dto.expressionAttributeNames().values()).contains("color", "name").doesNotContain("weight");
		dynamo.requests().reset();
		this.labels.findOpenByColor("red");
		this.labels.findByColor("red", Label.class);
		assertThat(dynamo.requests().sent(QueryRequest.class))
			.allSatisfy((sent) -> assertThat(sent.projectionExpression()).isNull());
	}

	@Test
	void aCompressedTypeIsReadWholeAndProjectedInEveryForm() {
		assertThat(this.tickets.findTitlesByStatus(Status.OPEN)).extracting(TicketViews.Title::getTitle)
			.containsExactlyInAnyOrder("Fix login", "Add search");
		assertThat(this.tickets.findOpenByStatus(Status.CLOSED)).extracting(TicketViews.Open::getLabel)
			.containsExactly("Old bug (1)");
		assertThat(this.tickets.findSummariesByStatus(Status.CLOSED)).singleElement()
			.satisfies((summary) -> assertThat(summary.title() + "@" + summary.project()).isEqualTo("Old bug@api"));
		assertThat(this.tickets.findRecordsByProject("api"))
			.containsExactly(new TicketViews.TitleAndPriority("Old bug", 1));
		assertThat(this.tickets.findByAssignee("ann", TicketViews.TitleAndPriority.class))
			.containsExactlyInAnyOrder(new TicketViews.TitleAndPriority("Fix login", 2),
					new TicketViews.TitleAndPriority("Old bug", 1));
		assertThat(dynamo.requests().sent(QueryRequest.class))
			.allSatisfy((sent) -> assertThat(sent.projectionExpression()).isNull());
	}

	@Test
	void declaredQueriesProject() {
		assertThat(this.labels.declaredNames("color#red")).extracting(LabelViews.Name::getName)
			.containsExactlyInAnyOrder("apple", "cherry");
		assertThat(this.labels.declared("color#blue", LabelViews.ColorAndName.class))
			.containsExactly(new LabelViews.ColorAndName("blue", "sky"));
		assertThat(this.labels.declared("color#blue", LabelViews.Open.class)).extracting(LabelViews.Open::getDescription)
			.containsExactly("blue/sky");
		assertThat(this.tickets.declaredSummaries("project#api")).extracting(TicketViews.Summary::title)
			.containsExactly("Old bug");
		assertThat(this.tickets.declared("project#web", TicketViews.Title.class)).extracting(TicketViews.Title::getTitle)
			.containsExactlyInAnyOrder("Fix login", "Add search");
	}

	@Test
	void byIdMethodsProjectWithOneRequest() {
		assertThat(this.labels.findNameById(this.red.id())).get()
			.satisfies((name) -> assertThat(name.getName() + name.getWeight()).isEqualTo("apple3"));
		assertThat(this.labels.findRecordById(this.red.id())).contains(new LabelViews.ColorAndName("red", "apple"));
		assertThat(this.labels.findById(this.red.id(), LabelViews.Open.class)).get()
			.extracting(LabelViews.Open::getDescription)
			.isEqualTo("red/apple");
		assertThat(this.labels.findNameById("missing")).isEmpty();
		assertThat(this.tickets.findTitleById(this.first.id())).get()
			.satisfies((title) -> assertThat(title.getTitle() + title.getStatus()).isEqualTo("Fix loginOPEN"));
		assertThat(this.tickets.findById(this.first.id(), TicketViews.TitleAndPriority.class))
			.contains(new TicketViews.TitleAndPriority("Fix login", 2));
		assertThat(dynamo.requests().count("Query")).isEqualTo(6);
		assertThat(dynamo.requests().sent(QueryRequest.class)).allSatisfy((sent) -> assertThat(sent.indexName()).isNull());
	}

	@Test
	void aByIdProjectionOfAVersionedTypeReadsTheLatestVersion() {
		this.tickets.save(this.tickets.findById(this.first.id()).orElseThrow().withStatus(Status.CLOSED));
		assertThat(this.tickets.findTitleById(this.first.id())).get()
			.extracting(TicketViews.Title::getStatus)
			.isEqualTo(Status.CLOSED);
	}

	@Test
	void pagesSlicesWindowsAndStreamsProject() {
		Page<LabelViews.Name> page = this.labels.findPageByColor("red", PageRequest.of(0, 1));
		assertThat(page.getTotalElements()).isEqualTo(2);
		assertThat(page.getContent()).singleElement().isInstanceOf(LabelViews.Name.class);
		Page<LabelViews.Name> second = this.labels.findPageByColor("red", page.nextPageable());
		assertThat(List.of(page.getContent().get(0).getName(), second.getContent().get(0).getName()))
			.containsExactlyInAnyOrder("apple", "cherry");
		Slice<LabelViews.ColorAndName> slice = this.labels.findSliceByColor("red", PageRequest.of(0, 1));
		assertThat(slice.hasNext()).isTrue();
		assertThat(slice.getContent()).singleElement().isInstanceOf(LabelViews.ColorAndName.class);
		Window<LabelViews.Name> window = this.labels.findWindowByColor("red", ScrollPosition.keyset(), Limit.of(1));
		assertThat(window.hasNext()).isTrue();
		Window<LabelViews.Name> next = this.labels.findWindowByColor("red", window.positionAt(0), Limit.of(1));
		assertThat(List.of(window.getContent().get(0).getName(), next.getContent().get(0).getName()))
			.containsExactlyInAnyOrder("apple", "cherry");
		assertThat(next.hasNext()).isFalse();
		try (Stream<LabelViews.Summary> summaries = this.labels.streamSummariesByColor("red")) {
			assertThat(summaries.map(LabelViews.Summary::weight)).containsExactlyInAnyOrder(3, 7);
		}
		Page<TicketViews.Title> tickets = this.tickets.findTitlePageByProject("web", PageRequest.of(0, 5));
		assertThat(tickets.getContent()).extracting(TicketViews.Title::getTitle)
			.containsExactlyInAnyOrder("Fix login", "Add search");
		assertThat(tickets.getTotalElements()).isEqualTo(2);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableRepositories(basePackageClasses = ProjectedLabelRepository.class)
	static class Config {

		@Bean
		SingleTableTemplate singleTableTemplate() {
			return new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		}

	}

}
