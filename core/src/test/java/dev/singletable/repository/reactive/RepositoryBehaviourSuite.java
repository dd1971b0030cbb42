package dev.singletable.repository.reactive;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;

import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.VersionSummary;
import dev.singletable.core.query.InvalidSortException;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.repository.Cursors;
import dev.singletable.repository.VersionedRepository;
import dev.singletable.repository.config.EnableReactiveSingleTableRepositories;
import dev.singletable.repository.config.EnableSingleTableRepositories;
import dev.singletable.repository.query.UnsupportedQueryMethodException;
import dev.singletable.repository.sample.Ticket;
import dev.singletable.repository.sample.Ticket.Status;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.repository.support.SingleTableRepositoryFactory;
import dev.singletable.test.DynamoDbLocalExtension;
import reactor.core.publisher.Flux;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The behaviour of repositories, one suite for both APIs: {@link BlockingRepositoryBehaviourTests} runs it on
 * {@link BlockingTickets} (a {@code VersionedRepository}), {@link ReactiveRepositoryBehaviourTests} on
 * {@link ReactiveTickets} (a {@code ReactiveVersionedRepository} with the same methods, reactive) through
 * {@link BlockingView}, with the same assertions: CRUD, versions, derived queries, paging, scrolling, projections,
 * derived deletes. One application context holds both kinds of repository, scanned from this one package by
 * {@code @EnableSingleTableRepositories} and {@code @EnableReactiveSingleTableRepositories}: each takes only its
 * own kind.
 */
abstract class RepositoryBehaviourSuite {

	private static final LocalDate DAY = LocalDate.of(2025, 3, 1);

	private GenericApplicationContext context;

	/** The table's extension. */
	abstract DynamoDbLocalExtension dynamo();

	/** The repository under test, as its blocking interface. */
	abstract BlockingTickets tickets(GenericApplicationContext context);

	/**
	 * Creates, with the API's own repository factory, a repository named {@code BadTickets} whose
	 * {@code findByTitle(String)} no index covers.
	 */
	abstract Object badRepository(GenericApplicationContext context);

	/**
	 * Registers the application's beans (the table's extension is registered already): {@link Config}, whose
	 * repositories the context scans; an AOT run registers the code generated from it instead.
	 * @param context the context, not refreshed yet
	 */
	void register(GenericApplicationContext context) {
		((AnnotationConfigApplicationContext) context).register(Config.class);
	}

	/** Creates the context of a test, before any bean is registered. */
	GenericApplicationContext createContext() {
		return new AnnotationConfigApplicationContext();
	}

	private BlockingTickets tickets;

	@BeforeEach
	void startContext() {
		DynamoDbLocalExtension dynamo = dynamo();
		this.context = createContext();
		this.context.registerBean(DynamoDbLocalExtension.class, () -> dynamo);
		register(this.context);
		this.context.refresh();
		this.tickets = tickets(this.context);
	}

	/** The application context of the test. */
	GenericApplicationContext context() {
		return this.context;
	}

	@AfterEach
	void closeContext() {
		this.context.close();
	}

	@Test
	void bothKindsOfRepositoryLiveInOneContextEachImplementedByItsOwnFactory() {
		assertThat(this.context.getBeansOfType(BlockingTickets.class)).hasSize(1);
		assertThat(this.context.getBeansOfType(ReactiveTickets.class)).hasSize(1);
	}

	@Test
	void crudRoundTripWithOptimisticLocking() {
		Ticket created = this.tickets.save(ticket("one", Status.OPEN, "p1", "ann", DAY, 1));
		assertThat(created.id()).isNotNull();
		assertThat(created.version()).isEqualTo(1L);
		assertThat(this.tickets.findById(created.id())).contains(created);
		assertThat(this.tickets.existsById(created.id())).isTrue();
		assertThat(this.tickets.existsById("missing")).isFalse();
		assertThat(this.tickets.findById("missing")).isEmpty();

		Ticket updated = this.tickets.save(created.withStatus(Status.CLOSED));
		assertThat(updated.version()).isEqualTo(2L);
		assertThatExceptionOfType(OptimisticLockingFailureException.class)
			.isThrownBy(() -> this.tickets.save(created.withStatus(Status.OPEN)));
		assertThatExceptionOfType(OptimisticLockingFailureException.class)
			.isThrownBy(() -> this.tickets.delete(created));

		Ticket other = this.tickets.insert(ticket("two", Status.OPEN, "p1", "bob", DAY, 2));
		assertThat(this.tickets.count()).isEqualTo(2);
		assertThat(this.tickets.findAll()).containsExactly(updated, other);
		assertThat(this.tickets.findAllById(List.of(other.id(), "missing", updated.id(), other.id())))
			.as("in the order of the ids, each once, missing ones left out")
			.containsExactly(other, updated);

		this.tickets.delete(updated);
		this.tickets.deleteById("missing");
		assertThat(this.tickets.findById(updated.id())).isEmpty();
		Ticket third = this.tickets.save(ticket("three", Status.OPEN, "p1", "ann", DAY, 3));
		this.tickets.deleteAll(List.of(third, third));
		assertThat(this.tickets.findAll()).containsExactly(other);
		this.tickets.deleteAll();
		assertThat(this.tickets.count()).isZero();
	}

	@Test
	void saveAllAndDeleteAllById() {
		List<Ticket> saved = this.tickets.saveAll(List.of(ticket("a", Status.OPEN, "p", "ann", DAY, 1),
				ticket("b", Status.OPEN, "p", "ann", DAY, 1), ticket("c", Status.OPEN, "p", "ann", DAY, 1)));
		assertThat(saved).extracting(Ticket::title).containsExactly("a", "b", "c");
		this.tickets.deleteAllById(List.of(saved.get(0).id(), saved.get(2).id(), saved.get(0).id()));
		assertThat(this.tickets.findAll()).containsExactly(saved.get(1));
	}

	@Test
	void versionsAreKeptReadAndRestored() {
		Ticket first = this.tickets.save(ticket("v", Status.OPEN, "p", "ann", DAY, 1));
		Ticket second = this.tickets.save(first.withStatus(Status.CLOSED));
		Ticket third = this.tickets.save(second.withStatus(Status.OPEN));

		assertThat(this.tickets.findVersions(first.id())).extracting(Ticket::version).containsExactly(3L, 2L, 1L);
		assertThat(this.tickets.findVersion(first.id(), 2)).contains(second);
		assertThat(this.tickets.findVersion(first.id(), 9)).isEmpty();
		Ticket restored = this.tickets.restore(first.id(), 2);
		assertThat(restored.version()).isEqualTo(4L);
		assertThat(restored.status()).isEqualTo(Status.CLOSED);
		assertThat(this.tickets.findById(first.id())).contains(restored);
		assertThatExceptionOfType(NoSuchResourceException.class).isThrownBy(() -> this.tickets.restore(first.id(), 9));
		assertThat(this.tickets.findVersionSummaries(first.id())).extracting(VersionSummary::version)
			.containsExactly(4L, 3L, 2L, 1L);
		assertThat(this.tickets.deleteVersion(first.id(), 2)).isTrue();
		assertThat(this.tickets.deleteVersion(first.id(), 2)).isFalse();
		assertThat(this.tickets.findVersions(first.id())).extracting(Ticket::version).containsExactly(4L, 3L, 1L);
		assertThat(this.tickets.findAllById(List.of(first.id(), "01ARZ3NDEKTSV4RRFFQ69G5FAV", first.id())))
			.containsExactly(restored);

		this.tickets.deleteAllVersions(first.id());
		assertThat(this.tickets.findVersions(first.id())).isEmpty();
		assertThat(third.version()).isEqualTo(3L);
	}

	@Test
	void derivedQueriesOnIndexesWithKeyConditionsSortsAndLimits() {

		assertThat(this.tickets.existsByStatus(Status.OPEN)).isFalse();
		saveTickets();

		assertThat(titles(this.tickets.findByStatus(Status.OPEN))).containsExactly("t0", "t2", "t4", "t6", "t8");
		assertThat(titles(this.tickets.findByStatus(Status.OPEN, Limit.of(2)))).containsExactly("t0", "t2");
		assertThat(this.tickets.existsByStatus(Status.CLOSED)).isTrue();

		assertThat(this.tickets.countByProject("p0")).isEqualTo(4);
		assertThat(titles(this.tickets.findByAssigneeAndDueDateBetween("ann", DAY.plusDays(2), DAY.plusDays(6))))
			.containsExactly("t2", "t4", "t6");
		assertThat(titles(this.tickets.findByAssigneeAndDueDateBefore("bob", DAY.plusDays(4))))
			.containsExactly("t1", "t3");
		assertThat(titles(this.tickets.findByAssignee("ann", Sort.by(Sort.Direction.DESC, "dueDate"))))
			.containsExactly("t8", "t6", "t4", "t2", "t0");
		assertThat(this.tickets.findFirstByAssigneeOrderByDueDateDesc("bob")).map(Ticket::title).contains("t9");
		assertThat(this.tickets.findFirstByAssigneeOrderByDueDateDesc("nobody")).isEmpty();
		assertThat(this.tickets.findOneByAssigneeAndDueDate("bob", DAY.plusDays(3))).map(Ticket::title).contains("t3");
		assertThat(this.tickets.findOneByAssigneeAndDueDate("bob", DAY)).isEmpty();
		assertThatExceptionOfType(IncorrectResultSizeDataAccessException.class)
			.isThrownBy(() -> this.tickets.findOneByProject("p0"));
		assertThat(titles(this.tickets.findTop2ByAssigneeAndDueDateGreaterThanEqual("ann", DAY.plusDays(3))))
			.containsExactly("t4", "t6");
		assertThat(titles(this.tickets.findByStatusAndPriorityGreaterThan(Status.OPEN, 2)))
			.containsExactly("t6", "t8");
		assertThat(titles(this.tickets.dueInMonth("assignee#ann", "2025-03-0"))).containsExactly("t0", "t2", "t4",
				"t6", "t8");
		assertThatExceptionOfType(InvalidSortException.class)
			.isThrownBy(() -> this.tickets.findByAssignee("ann", Sort.by("title")));
		// several partitions merged in the index's sort key order (gsi3: due date), equal keys in argument order
		assertThat(titles(this.tickets.findByAssigneeIn(List.of("bob", "ann", "nobody"))))
			.containsExactly("t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9");
		Slice<Ticket> first = this.tickets.findByProjectIn(List.of("p1", "p0"), PageRequest.of(0, 3));
		Slice<Ticket> second = this.tickets.findByProjectIn(List.of("p1", "p0"), first.nextPageable());
		assertThat(first.getContent()).hasSize(3);
		assertThat(first.hasNext()).isTrue();
		assertThat(titles(first.getContent())).doesNotContainAnyElementsOf(titles(second.getContent()));
	}

	@Test
	void listingsByTheTypeIndexSortOnlyByItsSortKey() {
		List<Ticket> saved = saveTickets();

		List<Ticket> newestFirst = new ArrayList<>(saved);
		Collections.reverse(newestFirst);
		assertThat(this.tickets.findAll(Sort.by(Sort.Direction.DESC, "updatedAt")))
			.containsExactlyElementsOf(newestFirst);
		assertThatExceptionOfType(InvalidSortException.class).isThrownBy(() -> this.tickets.findAll(Sort.by("title")))
			.withMessageContaining("[updatedAt, updated_at]");
	}

	@Test
	void pagesAndSlicesReadTheirOffsetAndCountOnlyWhenNeeded() {
		saveTickets();

		Slice<Ticket> slice = this.tickets.findSliceByStatus(Status.OPEN, PageRequest.of(0, 3));
		assertThat(titles(slice.getContent())).containsExactly("t0", "t2", "t4");
		assertThat(slice.hasNext()).isTrue();
		Slice<Ticket> last = this.tickets.findSliceByStatus(Status.OPEN, PageRequest.of(1, 3));
		assertThat(titles(last.getContent())).containsExactly("t6", "t8");
		assertThat(last.hasNext()).isFalse();
		assertThat(titles(this.tickets.findByStatus(Status.OPEN, PageRequest.of(1, 2))))
			.as("a list with a Pageable reads its page")
			.containsExactly("t4", "t6");

		Page<Ticket> page = this.tickets.findPageByProject("p1", PageRequest.of(0, 2));
		assertThat(page.getTotalElements()).isEqualTo(3);
		assertThat(page.getContent()).hasSize(2);
		Page<Ticket> second = this.tickets.findPageByProject("p1", PageRequest.of(1, 2));
		assertThat(second.getContent()).hasSize(1);
		assertThat(second.getTotalElements()).isEqualTo(3);
		assertThat(second.hasNext()).isFalse();
	}

	@Test
	void windowsScrollForwardAndBackwardWithCursors() {
		List<Ticket> saved = saveTickets();
		List<String> project0 = saved.stream().filter((ticket) -> ticket.project().equals("p0")).map(Ticket::id).toList();

		List<String> read = new ArrayList<>();
		Window<Ticket> window = this.tickets.findByProject("p0", ScrollPosition.keyset(), Limit.of(3));
		read.addAll(ids(window.getContent()));
		assertThat(window.hasNext()).isTrue();
		String cursor = Cursors.next(window);
		window = this.tickets.findByProject("p0", Cursors.position(cursor), Limit.of(3));
		read.addAll(ids(window.getContent()));
		assertThat(window.hasNext()).isFalse();
		assertThat(read).containsExactlyElementsOf(project0);

		Window<Ticket> before = this.tickets.findByProject("p0", Cursors.position(cursor).backward(), Limit.of(2));
		assertThat(ids(before.getContent())).as("the two before the cursor, in the query's order")
			.containsExactlyElementsOf(project0.subList(0, 2));

		Window<Ticket> byOffset = this.tickets.findByProject("p0", ScrollPosition.offset(), Limit.of(3));
		assertThat(ids(byOffset.getContent())).containsExactlyElementsOf(project0.subList(0, 3));
		Window<Ticket> nextOffset = this.tickets.findByProject("p0", byOffset.positionAt(2), Limit.of(3));
		assertThat(ids(nextOffset.getContent())).containsExactlyElementsOf(project0.subList(3, 4));
		assertThat(this.tickets.findByProject("p0", ScrollPosition.keyset(), Limit.of(0)).isEmpty()).isTrue();
	}

	@Test
	void projectionsAsDtosInterfacesAndDynamicTypes() {
		saveTickets();

		assertThat(this.tickets.findSummariesByProject("p1")).extracting(TicketSummary::title)
			.containsExactly("t1", "t4", "t7");
		assertThat(this.tickets.findSummariesByProject("p1")).allSatisfy((summary) -> assertThat(summary.id()).hasSize(26));
		assertThat(this.tickets.findTitlesByStatus(Status.CLOSED)).extracting(TicketTitle::getTitle)
			.containsExactly("t1", "t3", "t5", "t7", "t9");
		assertThat(this.tickets.findByAssignee("bob", TicketSummary.class)).extracting(TicketSummary::title)
			.containsExactly("t1", "t3", "t5", "t7", "t9");
		assertThat(this.tickets.findByAssignee("bob", Ticket.class)).extracting(Ticket::assignee).containsOnly("bob");
	}

	@Test
	void derivedDeletesDeleteWhatTheyRead() {
		saveTickets();

		assertThat(this.tickets.deleteByProject("p2")).isEqualTo(3);
		assertThat(this.tickets.countByProject("p2")).isZero();
		List<Ticket> removed = this.tickets.removeByStatus(Status.CLOSED);
		assertThat(titles(removed)).containsExactlyInAnyOrder("t1", "t3", "t7", "t9");
		assertThat(this.tickets.count()).isEqualTo(3);
	}

	@Test
	void aMethodNoIndexCoversIsRefusedAtStartUpWithTheBlockingMessage() {
		SingleTableTemplate template = this.context.getBean(SingleTableTemplate.class);
		String blocking = refusal(() -> new SingleTableRepositoryFactory(template).getRepository(Blocking.BadTickets.class));

		assertThat(refusal(() -> badRepository(this.context))).isEqualTo(blocking)
			.contains("BadTickets.findByTitle")
			.contains("@AllowFiltering");
	}

	/** The message of the {@link UnsupportedQueryMethodException} the creation fails with. */
	private static String refusal(Runnable creation) {
		Throwable thrown = catchThrowable(creation::run);
		while (thrown != null && !(thrown instanceof UnsupportedQueryMethodException)) {
			thrown = thrown.getCause();
		}
		assertThat(thrown).as("an UnsupportedQueryMethodException in the failure").isNotNull();
		return thrown.getMessage();
	}

	/**
	 * Ten tickets {@code t0..t9}, saved in order: even ones OPEN and ann's, odd ones CLOSED and bob's, project
	 * {@code p(i % 3)}, due {@code DAY + i}, priority {@code i / 2}.
	 */
	private List<Ticket> saveTickets() {
		List<Ticket> saved = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			saved.add(this.tickets.save(ticket("t" + i, (i % 2 == 0) ? Status.OPEN : Status.CLOSED, "p" + (i % 3),
					(i % 2 == 0) ? "ann" : "bob", DAY.plusDays(i), i / 2)));
			sleepAMillisecond();
		}
		return saved;
	}

	/** Keeps the update times of consecutive saves apart, so that the type index's order is the saving order. */
	private static void sleepAMillisecond() {
		try {
			Thread.sleep(2);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Ticket ticket(String title, Status status, String project, String assignee, LocalDate due,
			int priority) {
		return Ticket.of(title, status, project, assignee, due, priority);
	}

	private static List<String> titles(List<Ticket> tickets) {
		return tickets.stream().map(Ticket::title).toList();
	}

	private static List<String> ids(List<Ticket> tickets) {
		return tickets.stream().map(Ticket::id).toList();
	}

	/** A blocking repository with a method no index covers; not scanned (nested). */
	static final class Blocking {

		interface BadTickets extends VersionedRepository<Ticket> {

			List<Ticket> findByTitle(String title);

		}

	}

	/** The reactive repository of the same name and method. */
	static final class Reactive {

		interface BadTickets extends ReactiveVersionedRepository<Ticket> {

			Flux<Ticket> findByTitle(String title);

		}

	}

	/** Public, with public bean methods: an AOT run's generated code, in another class loader, calls them. */
	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableRepositories(basePackageClasses = BlockingTickets.class)
	@EnableReactiveSingleTableRepositories(basePackageClasses = BlockingTickets.class)
	public static class Config {

		@Bean
		public SingleTableTemplate singleTableTemplate(DynamoDbLocalExtension dynamo) {
			return new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		}

		@Bean(destroyMethod = "close")
		public DynamoDbAsyncClient dynamoDbAsyncClient() {
			return DynamoDbLocal.newAsyncClient();
		}

		@Bean
		public ReactiveSingleTableTemplate reactiveSingleTableTemplate(DynamoDbAsyncClient client, DynamoDbLocalExtension dynamo,
				SingleTableTemplate template) {
			return new ReactiveSingleTableTemplate(client, dynamo.tableName(), template.getConverter());
		}

	}

}
