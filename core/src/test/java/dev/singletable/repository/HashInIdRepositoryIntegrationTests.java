package dev.singletable.repository;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Slice;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.repository.config.EnableSingleTableRepositories;
import dev.singletable.repository.sample.Label;
import dev.singletable.repository.sample.LabelRepository;
import dev.singletable.repository.sample.Ticket;
import dev.singletable.repository.sample.Ticket.Status;
import dev.singletable.repository.sample.TicketRepository;
import dev.singletable.test.DynamoDbLocalExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Repository methods, CRUD and derived, work with ids that contain {@code #}.
 */
class HashInIdRepositoryIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private AnnotationConfigApplicationContext context;

	private TicketRepository tickets;

	private LabelRepository labels;

	@BeforeEach
	void setUp() {
		this.context = new AnnotationConfigApplicationContext(Config.class);
		this.tickets = this.context.getBean(TicketRepository.class);
		this.labels = this.context.getBean(LabelRepository.class);
	}

	@AfterEach
	void tearDown() {
		this.context.close();
	}

	@Test
	void versionedRepositoryWithHashIds() {
		Ticket created = this.tickets.save(withId("team#42", "one"));
		this.tickets.save(withId("team#43", "two"));
		Ticket updated = this.tickets.save(created.withStatus(Status.CLOSED));

		assertThat(this.tickets.findById("team#42")).contains(updated);
		assertThat(this.tickets.existsById("team#42")).isTrue();
		assertThat(this.tickets.findVersions("team#42")).extracting(Ticket::version).containsExactly(2L, 1L);
		assertThat(this.tickets.findVersion("team#42", 1)).contains(created);
		assertThat(this.tickets.restore("team#42", 1).status()).isEqualTo(Status.OPEN);
		assertThat(this.tickets.findAll()).extracting(Ticket::id).containsExactlyInAnyOrder("team#42", "team#43");
		assertThat(this.tickets.count()).isEqualTo(2);
		assertThat(this.tickets.findByStatus(Status.OPEN)).extracting(Ticket::id)
			.containsExactlyInAnyOrder("team#42", "team#43");
		Slice<Ticket> first = this.tickets.findByStatus(Status.OPEN, PageRequest.of(0, 1));
		Slice<Ticket> second = this.tickets.findByStatus(Status.OPEN, first.nextPageable());
		assertThat(List.of(first.getContent().get(0).id(), second.getContent().get(0).id()))
			.containsExactlyInAnyOrder("team#42", "team#43");
		assertThat(this.tickets.findAllById(List.of("team#43", "team#42"))).extracting(Ticket::id)
			.containsExactly("team#43", "team#42");
		this.tickets.deleteAllVersions("team#42");
		this.tickets.deleteById("team#43");
		assertThat(this.tickets.count()).isZero();
		assertThat(this.tickets.findVersions("team#42")).isEmpty();
	}

	@Test
	void plainRepositoryWithHashIds() {
		Label red = this.labels.save(new Label("color#red", null, "red", "Red", 3, null));
		this.labels.save(new Label("#", null, "red", "Hash", 5, null));

		assertThat(this.labels.findById("color#red")).contains(red);
		assertThat(this.labels.findByColorAndWeightGreaterThanEqualAndHiddenIsNull("red", 1)).extracting(Label::id)
			.containsExactlyInAnyOrder("color#red", "#");
		this.labels.deleteAllById(List.of("#"));
		this.labels.delete(red);
		assertThat(this.labels.count()).isZero();
	}

	private static Ticket withId(String id, String title) {
		return new Ticket(id, null, null, null, title, Status.OPEN, "p", "ann", LocalDate.of(2025, 1, 1), 1);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableRepositories(basePackageClasses = TicketRepository.class)
	static class Config {

		@Bean
		SingleTableTemplate singleTableTemplate() {
			return new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		}

	}

}
