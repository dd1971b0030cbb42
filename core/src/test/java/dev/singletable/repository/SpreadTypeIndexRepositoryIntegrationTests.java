package dev.singletable.repository;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.fixtures.Consignment;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.repository.consignments.ConsignmentRepository;
import dev.singletable.repository.consignments.ReactiveConsignmentRepository;
import dev.singletable.repository.support.ReactiveSingleTableRepositoryFactory;
import dev.singletable.repository.support.SingleTableRepositoryFactory;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.MutableClock;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

import static dev.singletable.repository.WindowScrolling.contents;
import static dev.singletable.repository.WindowScrolling.scroll;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repositories of a type whose type index is spread over 4 shards ({@link Consignment}): {@code findAll} (sorted,
 * paged), {@code count} and derived queries on the type index ({@code findByUpdatedAtAfter} as a scrolled
 * {@code Window}, its count, the reactive {@code Flux}) read every shard, merged in {@code updated_at} order, each
 * resource once.
 */
class SpreadTypeIndexRepositoryIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private final MutableClock clock = new MutableClock();

	private DynamoDbAsyncClient asyncClient;

	private ConsignmentRepository consignments;

	private ReactiveConsignmentRepository reactiveConsignments;

	/** The ids in the order of their modification. */
	private final List<String> modified = new ArrayList<>();

	private Instant start;

	@BeforeEach
	void setUp() {
		SingleTableTemplate template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		template.setClock(this.clock);
		this.asyncClient = DynamoDbLocal.newAsyncClient();
		ReactiveSingleTableTemplate reactiveTemplate = new ReactiveSingleTableTemplate(this.asyncClient,
				dynamo.tableName(), template.getConverter());
		this.consignments = new SingleTableRepositoryFactory(template).getRepository(ConsignmentRepository.class);
		this.reactiveConsignments = new ReactiveSingleTableRepositoryFactory(reactiveTemplate)
			.getRepository(ReactiveConsignmentRepository.class);
		this.start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		for (int i = 0; i < 30; i++) {
			this.clock.set(this.start.plusMillis(10L * i));
			this.consignments.save(Consignment.of("c%02d".formatted(i), "south", "dhl"));
			this.modified.add("c%02d".formatted(i));
		}
	}

	@AfterEach
	void tearDown() {
		this.asyncClient.close();
	}

	@Test
	void findAllAndCountReadEveryShardInUpdatedAtOrder() {
		List<String> reversed = new ArrayList<>(this.modified);
		Collections.reverse(reversed);

		assertThat(this.consignments.findAll()).extracting(Consignment::id).containsExactlyElementsOf(this.modified);
		assertThat(this.consignments.findAll(Sort.by(Sort.Direction.DESC, "updatedAt"))).extracting(Consignment::id)
			.containsExactlyElementsOf(reversed);
		assertThat(this.consignments.count()).isEqualTo(30);
		List<String> paged = new ArrayList<>();
		Page<Consignment> page = this.consignments.findAll(PageRequest.of(0, 7));
		paged.addAll(page.map(Consignment::id).getContent());
		while (page.hasNext()) {
			page = this.consignments.findAll(page.nextPageable());
			paged.addAll(page.map(Consignment::id).getContent());
		}
		assertThat(paged).containsExactlyElementsOf(this.modified);
		assertThat(page.getTotalElements()).isEqualTo(30);
		assertThat(this.reactiveConsignments.findAll().map(Consignment::id).collectList().block())
			.containsExactlyElementsOf(this.modified);
		assertThat(this.reactiveConsignments.count().block()).isEqualTo(30);
	}

	@Test
	void derivedQueriesOnTheTypeIndexReadEveryShard() {
		Instant after = this.start.plusMillis(95);
		List<String> later = this.modified.subList(10, 30);

		List<Window<Consignment>> windows = scroll(
				(position) -> this.consignments.findByUpdatedAtAfter(after, position, Limit.of(6)));

		assertThat(contents(windows)).extracting(Consignment::id).containsExactlyElementsOf(later);
		assertThat(windows).hasSize(4);
		assertThat(this.consignments.countByUpdatedAtAfter(after)).isEqualTo(20);
		List<String> reversed = new ArrayList<>(later);
		Collections.reverse(reversed);
		assertThat(this.reactiveConsignments.findByUpdatedAtAfter(after, Sort.by(Sort.Direction.DESC, "updatedAt"))
			.map(Consignment::id)
			.collectList()
			.block()).containsExactlyElementsOf(reversed);
	}

}
