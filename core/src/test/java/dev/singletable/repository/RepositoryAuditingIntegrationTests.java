package dev.singletable.repository;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.AuditorAware;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.config.EnableSingleTableAuditing;
import dev.singletable.repository.gizmos.Badge;
import dev.singletable.repository.gizmos.Contract;
import dev.singletable.repository.gizmos.ContractRepository;
import dev.singletable.repository.gizmos.Crate;
import dev.singletable.repository.gizmos.CrateRepository;
import dev.singletable.repository.gizmos.Gizmo;
import dev.singletable.repository.gizmos.GizmoRepository;
import dev.singletable.repository.gizmos.Shelf;
import dev.singletable.repository.gizmos.ShelfRepository;
import dev.singletable.repository.gizmos.Vault;
import dev.singletable.repository.gizmos.VaultRepository;
import dev.singletable.test.DynamoDbLocalExtension;

import static dev.singletable.repository.GizmoRepositoryFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Auditing through repositories (from issue 15): created values survive forged updates of every storage shape, an
 * {@code Auditable} with {@code LocalDateTime} dates gets all four values, an empty auditor leaves the auditors null,
 * {@code modifyOnCreate = false} sets only the created values, and auditors may be values of their own type.
 */
class RepositoryAuditingIntegrationTests {

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

	// auditing

	@Test
	void createdValuesSurviveForgedUpdatesOfEveryStorageShape() {
		Gizmo gizmo = this.gizmos.save(Gizmo.of("g", "red", 1));
		Vault vault = this.context.getBean(VaultRepository.class).save(Vault.of("z", "v"));
		Crate crate = this.context.getBean(CrateRepository.class).save(new Crate("crate-1", null, null, "c", null, null));
		Shelf shelf = this.context.getBean(ShelfRepository.class).save(new Shelf(null, null, null, null, "s", null, null));
		assertThat(List.of(gizmo.createdBy(), gizmo.modifiedBy(), vault.createdBy(), vault.modifiedBy(),
				crate.createdBy(), crate.modifiedBy(), shelf.createdBy(), shelf.modifiedBy()))
			.containsOnly("ann");

		user.set("bob");
		Instant forged = Instant.parse("2001-01-01T00:00:00Z");
		Gizmo gizmo2 = this.gizmos.save(gizmo.withName("g2").withCreated(forged, "mallory"));
		Vault vault2 = this.context.getBean(VaultRepository.class).save(vault.with("v2", forged, "mallory"));
		Crate crate2 = this.context.getBean(CrateRepository.class).save(crate.with("c2", null, "mallory"));
		Shelf shelf2 = this.context.getBean(ShelfRepository.class).save(shelf.with("s2", forged, null));

		assertThat(List.of(gizmo2, this.gizmos.findById(gizmo.id()).orElseThrow()))
			.allSatisfy((read) -> {
				assertThat(read.createdBy()).isEqualTo("ann");
				assertThat(read.modifiedBy()).isEqualTo("bob");
				assertThat(read.createdAt()).isEqualTo(gizmo.createdAt());
				assertThat(read.name()).isEqualTo("g2");
			});
		assertThat(List.of(vault2, this.context.getBean(VaultRepository.class).findById(vault.id()).orElseThrow()))
			.allSatisfy((read) -> {
				assertThat(read.createdBy()).isEqualTo("ann");
				assertThat(read.modifiedBy()).isEqualTo("bob");
				assertThat(read.createdAt()).isEqualTo(vault.createdAt());
				assertThat(read.version()).isEqualTo(2L);
			});
		assertThat(List.of(crate2, this.context.getBean(CrateRepository.class).findById("crate-1").orElseThrow()))
			.allSatisfy((read) -> {
				assertThat(read.createdBy()).isEqualTo("ann");
				assertThat(read.modifiedBy()).isEqualTo("bob");
				assertThat(read.createdAt()).isEqualTo(crate.createdAt());
				assertThat(read.text()).isEqualTo("c2");
			});
		assertThat(List.of(shelf2, this.context.getBean(ShelfRepository.class).findById(shelf.id()).orElseThrow()))
			.allSatisfy((read) -> {
				assertThat(read.createdBy()).isEqualTo("ann");
				assertThat(read.modifiedBy()).isEqualTo("bob");
				assertThat(read.createdAt()).isEqualTo(shelf.createdAt());
			});
	}

	@Test
	void anAuditableWithLocalDateTimesGetsAllFourValuesAndKeepsTheCreatedOnes() {
		ContractRepository contracts = this.context.getBean(ContractRepository.class);
		Contract created = contracts.save(new Contract(null, "lease"));
		assertThat(created.getCreatedBy()).contains("ann");
		assertThat(created.getLastModifiedBy()).contains("ann");
		assertThat(created.getCreatedDate()).isPresent();
		assertThat(created.getLastModifiedDate()).isPresent();
		LocalDateTime createdDate = created.getCreatedDate().orElseThrow();

		user.set("bob");
		Contract read = contracts.findById(created.getId()).orElseThrow();
		assertThat(read.getCreatedDate()).contains(createdDate);
		read.setTitle("lease 2");
		read.setCreatedBy("mallory");
		read.setCreatedDate(LocalDateTime.of(1999, 1, 1, 0, 0));
		Contract updated = contracts.save(read);
		Contract stored = contracts.findById(created.getId()).orElseThrow();
		for (Contract contract : List.of(updated, stored)) {
			assertThat(contract.getCreatedBy()).contains("ann");
			assertThat(contract.getCreatedDate()).contains(createdDate);
			assertThat(contract.getLastModifiedBy()).contains("bob");
			assertThat(contract.getTitle()).isEqualTo("lease 2");
		}
		assertThat(stored.getVersion()).isEqualTo(2L);
	}

	@Test
	void anAuditorAwareReturningEmptyLeavesTheAuditorsNull() {
		user.set(null);
		Gizmo gizmo = this.gizmos.save(Gizmo.of("anon", "red", 1));
		assertThat(gizmo.createdBy()).isNull();
		assertThat(gizmo.modifiedBy()).isNull();
		assertThat(this.gizmos.findById(gizmo.id())).get().extracting(Gizmo::createdBy).isNull();
	}

	@Test
	void withoutModifyOnCreateACreationSetsOnlyTheCreatedValues() {
		try (AnnotationConfigApplicationContext createOnly = new AnnotationConfigApplicationContext(
				CreateOnlyConfig.class)) {
			SingleTableTemplate template = createOnly.getBean(SingleTableTemplate.class);
			Gizmo gizmo = template.create(Gizmo.of("x", "red", 1));
			assertThat(gizmo.createdBy()).isEqualTo("ann");
			assertThat(gizmo.modifiedBy()).isNull();
			user.set("bob");
			Gizmo updated = template.update(gizmo.withName("y"));
			assertThat(updated.createdBy()).isEqualTo("ann");
			assertThat(updated.modifiedBy()).isEqualTo("bob");
		}
	}

	@Test
	void auditorsMayBeValuesOfTheirOwnType() {
		try (AnnotationConfigApplicationContext actors = new AnnotationConfigApplicationContext(ActorConfig.class)) {
			SingleTableTemplate template = actors.getBean(SingleTableTemplate.class);
			Badge badge = template.create(new Badge(null, null, null, null, "gold", null, null));
			assertThat(badge.createdBy()).isEqualTo(new Badge.Actor("ann", 1));
			user.set("bob");
			Badge updated = template.update(badge.withLabel("silver", new Badge.Actor("mallory", 9)));
			assertThat(updated.createdBy()).isEqualTo(new Badge.Actor("ann", 1));
			assertThat(updated.modifiedBy()).isEqualTo(new Badge.Actor("bob", 1));
			assertThat(template.findById(Badge.class, badge.id())).contains(updated);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableAuditing
	static class ActorConfig {

		@Bean
		SingleTableTemplate singleTableTemplate() {
			return new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		}

		@Bean
		AuditorAware<Badge.Actor> auditorAware() {
			return () -> Optional.ofNullable(user.get()).map((name) -> new Badge.Actor(name, 1));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableAuditing(modifyOnCreate = false)
	static class CreateOnlyConfig {

		@Bean
		SingleTableTemplate singleTableTemplate() {
			return new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		}

		@Bean
		AuditorAware<String> auditorAware() {
			return () -> Optional.ofNullable(user.get());
		}

	}

}
