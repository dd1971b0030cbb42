package dev.singletable.repository;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Window;
import org.springframework.data.support.WindowIterator;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.repository.config.EnableSingleTableRepositories;
import dev.singletable.repository.contracts.Lease;
import dev.singletable.repository.contracts.LeaseRepository;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The {@code CrudRepository}, {@code Page} and {@code Window} contracts of Spring Data, held by a singletable
 * repository.
 */
class RepositoryContractsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	static final MutableClock clock = new MutableClock();

	private AnnotationConfigApplicationContext context;

	private LeaseRepository leases;

	private Instant now;

	@BeforeEach
	void setUp() {
		this.now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		clock.set(this.now);
		this.context = new AnnotationConfigApplicationContext(Config.class);
		this.leases = this.context.getBean(LeaseRepository.class);
	}

	@AfterEach
	void tearDown() {
		this.context.close();
	}

	@Test
	void countsAndPageTotalsLeaveOutTheExpiredItemsReadsHide() {
		for (int i = 0; i < 5; i++) {
			this.leases.save(Lease.of("ann", i, this.now.plusSeconds((i < 2) ? 100 : 10_000)));
		}
		this.leases.save(Lease.of("bob", 9, null));
		clock.set(this.now.plusSeconds(1_000));

		assertThat(this.leases.findAll()).hasSize(4);
		assertThat(this.leases.count()).isEqualTo(4);
		assertThat(this.leases.countByHolder("ann")).isEqualTo(3);
		Page<Lease> page = this.leases.findPageByHolder("ann", PageRequest.of(0, 2));
		assertThat(page.getContent()).extracting(Lease::number).containsExactly(2, 3);
		assertThat(page.getTotalElements()).isEqualTo(3);
		assertThat(page.getTotalPages()).isEqualTo(2);
		assertThat(this.leases.findPageByHolder("ann", PageRequest.of(1, 2)).getContent()).extracting(Lease::number)
			.containsExactly(4);
	}

	@Test
	void thePositionOfEveryElementOfAWindowResumesRightAfterIt() {
		createLeases(10);

		Window<Lease> first = this.leases.findByHolder("ann", ScrollPosition.keyset(), Limit.of(4));
		assertThat(numbers(first)).containsExactly(0, 1, 2, 3);
		for (int i = 0; i < first.size(); i++) {
			Window<Lease> next = this.leases.findByHolder("ann", first.positionAt(i), Limit.of(4));
			assertThat(numbers(next)).as("after element %d", i).first().isEqualTo(i + 1);
		}
		Window<Lease> last = this.leases.findByHolder("ann", first.positionAt(1), Limit.of(10));
		assertThat(numbers(last)).containsExactly(2, 3, 4, 5, 6, 7, 8, 9);
		assertThat(last.hasNext()).isFalse();
		assertThat(this.leases.findByHolder("ann", last.positionAt(last.size() - 1), Limit.of(4))).isEmpty();
	}

	@Test
	void aBackwardPositionScrollsBackwardKeepingTheQueryOrder() {
		createLeases(10);
		Window<Lease> first = this.leases.findByHolder("ann", ScrollPosition.keyset(), Limit.of(4));
		Window<Lease> second = this.leases.findByHolder("ann", first.positionAt(3), Limit.of(4));
		assertThat(numbers(second)).containsExactly(4, 5, 6, 7);

		KeysetScrollPosition before = ((KeysetScrollPosition) second.positionAt(0)).backward();
		Window<Lease> back = this.leases.findByHolder("ann", before, Limit.of(4));
		assertThat(numbers(back)).containsExactly(0, 1, 2, 3);
		assertThat(back.hasNext()).as("nothing before the first element").isFalse();

		Window<Lease> backFromSix = this.leases.findByHolder("ann",
				((KeysetScrollPosition) second.positionAt(2)).backward(), Limit.of(3));
		assertThat(numbers(backFromSix)).containsExactly(3, 4, 5);
		assertThat(backFromSix.hasNext()).isTrue();
		assertThat(backFromSix.positionAt(0)).isInstanceOfSatisfying(KeysetScrollPosition.class,
				(position) -> assertThat(position.scrollsBackward()).isTrue());
		assertThat(numbers(this.leases.findByHolder("ann", backFromSix.positionAt(0), Limit.of(3))))
			.containsExactly(0, 1, 2);

		Window<Lease> end = this.leases.findByHolder("ann", ScrollPosition.keyset().backward(), Limit.of(3));
		assertThat(numbers(end)).containsExactly(7, 8, 9);
	}

	@Test
	void offsetPositionsSkipTheGivenNumberOfResults() {
		createLeases(10);

		Window<Lease> first = this.leases.findByHolder("ann", ScrollPosition.offset(), Limit.of(4));
		assertThat(numbers(first)).containsExactly(0, 1, 2, 3);
		assertThat(first.hasNext()).isTrue();
		assertThat(numbers(this.leases.findByHolder("ann", first.positionAt(1), Limit.of(4)))).containsExactly(2, 3, 4, 5);
		Window<Lease> last = this.leases.findByHolder("ann", ScrollPosition.offset(5), Limit.of(4));
		assertThat(numbers(last)).containsExactly(6, 7, 8, 9);
		assertThat(last.hasNext()).isFalse();
	}

	@Test
	void windowsAndSlicesThatEndAtTheLastElementSayNothingFollows() {
		createLeases(10);
		dynamo.requests().reset();

		List<Integer> seen = new ArrayList<>();
		WindowIterator.of((position) -> this.leases.findByHolder("ann", position, Limit.of(5)))
			.startingAt(ScrollPosition.keyset())
			.forEachRemaining((lease) -> seen.add(lease.number()));
		assertThat(seen).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
		assertThat(dynamo.requests().count("Query")).as("two windows, no empty third").isEqualTo(2);

		Slice<Lease> slice = this.leases.findSliceByHolder("ann", PageRequest.of(1, 5));
		assertThat(slice.getContent()).extracting(Lease::number).containsExactly(5, 6, 7, 8, 9);
		assertThat(slice.hasNext()).isFalse();
	}

	@Test
	void nullIdsAreIllegalArgumentsAsCrudRepositorySays() {
		Lease lease = this.leases.save(Lease.of("ann", 1, null));

		assertThatIllegalArgumentException().isThrownBy(() -> this.leases.findById(null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.leases.existsById(null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.leases.deleteById(null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.leases.findAllById(Arrays.asList(lease.id(), null)));
		assertThatIllegalArgumentException().isThrownBy(() -> this.leases.deleteAllById(Arrays.asList(lease.id(), null)));

		assertThat(this.leases.existsById(lease.id())).as("nothing deleted").isTrue();
	}

	@Test
	void nullEntitiesAreIllegalArgumentsAndNothingIsWrittenOrDeletedBeforeTheNull() {
		Lease kept = this.leases.save(Lease.of("ann", 1, null));

		assertThatIllegalArgumentException().isThrownBy(() -> this.leases.deleteAll(null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.leases.saveAll(null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.leases.delete(null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.leases.save(null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.leases.saveAll(Arrays.asList(Lease.of("bob", 2, null), null)));
		assertThatIllegalArgumentException().isThrownBy(() -> this.leases.deleteAll(Arrays.asList(kept, null)));

		assertThat(this.leases.findAll()).as("nothing saved, nothing deleted").containsExactly(kept);
	}

	private void createLeases(int count) {
		for (int i = 0; i < count; i++) {
			this.leases.save(Lease.of("ann", i, null));
		}
	}

	private static List<Integer> numbers(Window<Lease> window) {
		return window.map(Lease::number).getContent();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableRepositories(basePackageClasses = LeaseRepository.class)
	static class Config {

		@Bean
		SingleTableTemplate singleTableTemplate() {
			SingleTableTemplate template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
			template.setClock(clock);
			return template;
		}

	}

}
