package dev.singletable.repository;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.dao.DuplicateKeyException;

import dev.singletable.core.DuplicateResourceException;
import dev.singletable.core.NoSuchResourceException;
import dev.singletable.repository.gizmos.Crate;
import dev.singletable.repository.gizmos.CrateRepository;
import dev.singletable.repository.gizmos.Gizmo;
import dev.singletable.repository.gizmos.GizmoRepository;
import dev.singletable.repository.gizmos.Ping;
import dev.singletable.repository.gizmos.PingRepository;
import dev.singletable.repository.gizmos.Shelf;
import dev.singletable.repository.gizmos.ShelfRepository;
import dev.singletable.test.DynamoDbLocalExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code save} through a repository (from issue 15) follows {@code Persistable}, versions and assigned ids.
 */
class RepositorySaveIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = GizmoRepositoryFixtures.dynamo;

	private AnnotationConfigApplicationContext context;

	private GizmoRepository gizmos;

	@BeforeEach
	void setUp() {
		this.context = GizmoRepositoryFixtures.openContext();
		this.gizmos = this.context.getBean(GizmoRepository.class);
	}

	@AfterEach
	void tearDown() {
		this.context.close();
	}

	// save semantics

	@Test
	void saveFollowsPersistableVersionsAndAssignedIds() {
		PingRepository pings = this.context.getBean(PingRepository.class);
		pings.save(new Ping("p1", "first", true));
		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> pings.save(new Ping("p1", "again", true)))
			.isInstanceOf(DuplicateResourceException.class);
		assertThat(pings.save(new Ping("p1", "changed", false)).getNote()).isEqualTo("changed");
		assertThatExceptionOfType(NoSuchResourceException.class)
			.isThrownBy(() -> pings.save(new Ping("p2", "absent", false)));
		assertThat(pings.findById("p2")).isEmpty();

		CrateRepository crates = this.context.getBean(CrateRepository.class);
		Crate first = crates.save(new Crate("c1", null, null, "one", null, null));
		Crate second = crates.save(new Crate("c1", null, null, "two", null, null));
		assertThat(second.createdAt()).isEqualTo(first.createdAt());
		assertThat(second.updatedAt()).isAfter(first.updatedAt());
		assertThat(crates.findById("c1")).get().extracting(Crate::text).isEqualTo("two");
		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> crates.insert(new Crate("c1", null, null, "three", null, null)));
		assertThat(crates.findById("c1")).get().extracting(Crate::text).isEqualTo("two");

		ShelfRepository shelves = this.context.getBean(ShelfRepository.class);
		Shelf shelf = shelves.save(new Shelf("s1", null, null, null, "one", null, null));
		assertThat(shelf.version()).isEqualTo(1L);
		assertThatExceptionOfType(DuplicateResourceException.class)
			.isThrownBy(() -> shelves.save(new Shelf("s1", null, null, null, "again", null, null)));

		Gizmo existing = this.gizmos.save(Gizmo.of("old", "red", 1));
		List<Gizmo> mixed = this.gizmos.saveAll(List.of(existing.withName("old2"), Gizmo.of("new", "red", 2),
				Gizmo.of("assigned", "red", 3).withId("g-assigned")));
		assertThat(mixed).extracting(Gizmo::id).contains(existing.id(), "g-assigned").doesNotContainNull();
		assertThat(this.gizmos.findByColor("red", Gizmo.class)).extracting(Gizmo::name)
			.containsExactly("assigned", "new", "old2");
	}

}
