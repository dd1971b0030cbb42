package dev.singletable.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.query.InvalidSortException;
import dev.singletable.repository.badsample.BadTicketRepository;
import dev.singletable.repository.config.EnableSingleTableRepositories;
import dev.singletable.repository.sample.Label;
import dev.singletable.repository.sample.LabelRepository;
import dev.singletable.repository.sample.Ticket;
import dev.singletable.repository.sample.Ticket.Status;
import dev.singletable.repository.sample.TicketRepository;
import dev.singletable.test.DynamoDbLocalExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SingleTableRepositoryIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private AnnotationConfigApplicationContext context;

	private TicketRepository tickets;

	private LabelRepository labels;

	@BeforeEach
	void setUp() {
		this.context = new AnnotationConfigApplicationContext(GoodConfig.class);
		this.tickets = this.context.getBean(TicketRepository.class);
		this.labels = this.context.getBean(LabelRepository.class);
	}

	@AfterEach
	void tearDown() {
		this.context.close();
	}

	@Test
	void crudWithVersionsAndOptimisticLocking() {
		Ticket created = this.tickets.save(ticket("one", Status.OPEN, "p", "ann", 1, 1));
		Ticket updated = this.tickets.save(created.withStatus(Status.CLOSED));

		assertThat(updated.version()).isEqualTo(2);
		assertThat(this.tickets.findById(created.id())).contains(updated);
		assertThat(this.tickets.findVersions(created.id())).extracting(Ticket::version).containsExactly(2L, 1L);
		assertThat(this.tickets.findVersion(created.id(), 1)).contains(created);
		assertThatExceptionOfType(OptimisticLockingFailureException.class)
			.isThrownBy(() -> this.tickets.save(created.withStatus(Status.OPEN)));
		Ticket restored = this.tickets.restore(created.id(), 1);
		assertThat(restored.status()).isEqualTo(Status.OPEN);
		assertThat(restored.version()).isEqualTo(3);
		assertThat(this.tickets.count()).isEqualTo(1);
		assertThat(this.tickets.findAllById(List.of(created.id(), "nope"))).containsExactly(restored);
		this.tickets.deleteAllVersions(created.id());
		assertThat(this.tickets.findVersions(created.id())).isEmpty();
		assertThat(this.tickets.existsById(created.id())).isFalse();
	}

	@Test
	void derivedMethodsAcrossThreeIndexesAndTheTypeIndexReturnExactlyTheExpectedEntitiesInOrder() {
		Ticket a = this.tickets.save(ticket("a", Status.OPEN, "alpha", "ann", 3, 5));
		Ticket b = this.tickets.save(ticket("b", Status.CLOSED, "alpha", "ann", 1, 9));
		Ticket c = this.tickets.save(ticket("c", Status.OPEN, "beta", "bob", 2, 7));
		Ticket d = this.tickets.save(ticket("d", Status.OPEN, "alpha", "ann", 2, 1));
		Instant afterD = d.updatedAt();
		Ticket e = this.tickets.save(ticket("e", Status.OPEN, "beta", "ann", 5, 8));

		assertThat(this.tickets.findByStatus(Status.OPEN)).containsExactly(a, c, d, e);
		assertThat(this.tickets.findByStatusOrderByIdDesc(Status.OPEN)).containsExactly(e, d, c, a);
		assertThat(this.tickets.findByAssigneeAndDueDateBetween("ann", date(2), date(4))).containsExactly(d, a);
		assertThat(this.tickets.findByAssigneeAndDueDateBefore("ann", date(3))).containsExactly(b, d);
		assertThat(this.tickets.findByAssignee("ann", Sort.by(Sort.Direction.DESC, "dueDate"))).containsExactly(e, a, d, b);
		assertThat(this.tickets.findFirstByAssigneeOrderByDueDateDesc("ann")).contains(e);
		assertThat(this.tickets.findTop2ByAssigneeAndDueDateGreaterThanEqual("ann", date(2))).containsExactly(d, a);
		assertThat(this.tickets.findAllByOrderByUpdatedAtDesc()).containsExactly(e, d, c, b, a);
		assertThat(this.tickets.findByUpdatedAtAfter(afterD)).containsExactly(e);
		assertThat(this.tickets.findByStatusAndPriorityGreaterThan(Status.OPEN, 6)).containsExactly(c, e);
		assertThat(this.tickets.dueInMonth("assignee#ann", "2025-01-0")).containsExactly(b, d, a, e);
		assertThat(this.tickets.countByProject("alpha")).isEqualTo(3);
		assertThat(this.tickets.existsByStatus(Status.CLOSED)).isTrue();
		try (Stream<Ticket> open = this.tickets.streamByStatus(Status.OPEN)) {
			assertThat(open.map(Ticket::title)).containsExactly("a", "c", "d", "e");
		}
		assertThatExceptionOfType(InvalidSortException.class)
			.isThrownBy(() -> this.tickets.findByAssignee("ann", Sort.by("title")))
			.withMessageContaining("ordered by");
	}

	@Test
	void slicesWindowsAndPagesVisitEveryItemOnce() {
		Set<String> alpha = new HashSet<>();
		for (int i = 0; i < 23; i++) {
			alpha.add(this.tickets.save(ticket("t" + i, Status.OPEN, "alpha", "ann", 1 + (i % 9), i)).id());
		}

		List<String> bySlice = new ArrayList<>();
		Slice<Ticket> slice = this.tickets.findByStatus(Status.OPEN, PageRequest.of(0, 5));
		bySlice.addAll(slice.map(Ticket::id).getContent());
		while (slice.hasNext()) {
			slice = this.tickets.findByStatus(Status.OPEN, slice.nextPageable());
			bySlice.addAll(slice.map(Ticket::id).getContent());
		}
		assertThat(bySlice).hasSize(23).doesNotHaveDuplicates();
		assertThat(new HashSet<>(bySlice)).isEqualTo(alpha);

		List<String> byWindow = new ArrayList<>();
		Window<Ticket> window = this.tickets.findByProject("alpha", ScrollPosition.keyset(), Limit.of(4));
		byWindow.addAll(window.map(Ticket::id).getContent());
		int windows = 1;
		while (window.hasNext()) {
			String cursor = Cursors.next(window);
			window = this.tickets.findByProject("alpha", Cursors.position(cursor), Limit.of(4));
			byWindow.addAll(window.map(Ticket::id).getContent());
			windows++;
		}
		assertThat(windows).isEqualTo(6);
		assertThat(byWindow).hasSize(23).doesNotHaveDuplicates();
		assertThat(new HashSet<>(byWindow)).isEqualTo(alpha);

		Page<Ticket> page = this.tickets.findPageByProject("alpha", PageRequest.of(2, 10));
		assertThat(page.getContent()).hasSize(3);
		assertThat(page.getTotalElements()).isEqualTo(23);
		assertThat(page.getTotalPages()).isEqualTo(3);
	}

	@Test
	void plainRepositoryFiltersInDynamoDb() {
		Label red = this.labels.save(Label.of("red", "rose", 5));
		this.labels.save(Label.of("red", "ruby", 1));
		this.labels.save(new Label(null, null, "red", "rust", 9, true));
		this.labels.save(Label.of("blue", "sky", 9));

		assertThat(this.labels.findByColorAndWeightGreaterThanEqualAndHiddenIsNull("red", 2)).containsExactly(red);
		assertThat(this.labels.countByNameStartingWith("r")).isEqualTo(3);
		assertThat(this.labels.findAll()).hasSize(4);
		this.labels.deleteAll();
		assertThat(this.labels.count()).isZero();
	}

	@Test
	void aRepositoryWithAnUnmappableMethodFailsToStartNamingIt() {
		assertThatExceptionOfType(BeanCreationException.class)
			.isThrownBy(() -> new AnnotationConfigApplicationContext(BadConfig.class).close())
			.satisfies((ex) -> assertThat(rootMessage(ex)).contains("BadTicketRepository.findByTitle")
				.contains("needs equality on [status]")
				.contains("would filter on [title]"));
	}

	private static String rootMessage(Throwable ex) {
		Throwable current = ex;
		StringBuilder messages = new StringBuilder();
		while (current != null) {
			messages.append(current.getMessage()).append('\n');
			current = current.getCause();
		}
		return messages.toString();
	}

	private static Ticket ticket(String title, Status status, String project, String assignee, int day, int priority) {
		return Ticket.of(title, status, project, assignee, date(day), priority);
	}

	private static LocalDate date(int day) {
		return LocalDate.of(2025, 1, day);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableRepositories(basePackageClasses = TicketRepository.class)
	static class GoodConfig {

		@Bean
		SingleTableTemplate singleTableTemplate() {
			return new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableRepositories(basePackageClasses = BadTicketRepository.class)
	static class BadConfig {

		@Bean
		SingleTableTemplate singleTableTemplate() {
			return new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		}

	}

}
