package dev.singletable.repository.singleton;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;

import dev.singletable.core.DuplicateResourceException;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.SingletonUsageException;
import dev.singletable.core.VersionSummary;
import dev.singletable.core.audit.AuditEntry;
import dev.singletable.repository.config.EnableSingleTableRepositories;
import dev.singletable.test.DynamoDbLocalExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The life of a singleton (from issue 16 item 6) through a repository against DynamoDB Local: created once,
 * found, updated with history, audited and counted, deleted, and created again.
 */
class SingletonRepositoryLifecycleIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private AnnotationConfigApplicationContext context;

	private SingleTableTemplate template;

	private PreferencesRepository preferences;

	@BeforeEach
	void setUp() {
		this.context = new AnnotationConfigApplicationContext(Config.class);
		this.template = this.context.getBean(SingleTableTemplate.class);
		this.template.setTrackCounts(true);
		this.template.setAuditorAware(() -> Optional.of("ops"));
		this.preferences = this.context.getBean(PreferencesRepository.class);
	}

	@AfterEach
	void tearDown() {
		this.context.close();
	}

	@Test
	void aSingletonLivesThroughItsRepositoryUnderItsOneKey() {
		assertThat(this.preferences.findById("Preferences")).isEmpty();
		Preferences created = this.preferences.save(new Preferences(null, null, null, "light"));
		assertThat(created.id()).isEqualTo("Preferences");
		assertThatExceptionOfType(DuplicateResourceException.class)
			.isThrownBy(() -> this.preferences.save(new Preferences(null, null, null, "other")));

		Preferences updated = this.preferences.save(created.withTheme("dark"));
		assertThat(this.preferences.findById("Preferences")).contains(updated);
		assertThat(this.template.findSingleton(Preferences.class)).contains(updated);
		assertThat(this.preferences.findAll()).containsExactly(updated);
		assertThat(this.preferences.count()).isEqualTo(1);
		assertThat(this.preferences.existsById("Preferences")).isTrue();
		assertThat(this.preferences.findVersions("Preferences")).extracting(Preferences::theme)
			.containsExactly("dark", "light");
		assertThat(this.template.findVersionSummaries(Preferences.class, "Preferences"))
			.extracting(VersionSummary::version)
			.containsExactly(2L, 1L);
		assertThat(dynamo.sortKeys("SINGLETON#Preferences")).containsExactly("v0", "v1", "v2");
		assertThat(this.template.countsByType()).containsEntry("Preferences", 1L);
		List<AuditEntry> rows = this.template.auditLog().forResource("Preferences", "Preferences").page(null).items();
		assertThat(rows).extracting(AuditEntry::operation).containsExactly(AuditEntry.UPDATE, AuditEntry.CREATE);
		assertThat(rows.get(0).changedFields()).containsOnlyKeys("theme");

		assertThatExceptionOfType(SingletonUsageException.class).isThrownBy(() -> this.preferences.findById("Other"));

		this.preferences.deleteById("Preferences");
		assertThat(this.preferences.findById("Preferences")).isEmpty();
		assertThat(dynamo.sortKeys("SINGLETON#Preferences")).isEmpty();
		assertThat(this.template.countsByType()).containsEntry("Preferences", 0L);

		Preferences again = this.preferences.save(new Preferences(null, null, null, "blue"));
		assertThat(again.version()).isEqualTo(1);
		assertThat(this.preferences.findVersions("Preferences")).extracting(Preferences::theme).containsExactly("blue");
	}

	@Test
	void aStaleSaveOfTheSingletonIsAConflict() {
		Preferences created = this.preferences.save(new Preferences(null, null, null, "light"));
		this.preferences.save(created.withTheme("dark"));

		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.preferences.save(created.withTheme("stale")));
		assertThat(this.preferences.findById("Preferences").orElseThrow().theme()).isEqualTo("dark");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableRepositories(basePackageClasses = PreferencesRepository.class)
	static class Config {

		@Bean
		SingleTableTemplate singleTableTemplate() {
			return new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		}

	}

}
