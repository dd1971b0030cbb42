package dev.singletable.autoconfigure.data;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.AuditorAware;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.data.audit.Note;
import dev.singletable.autoconfigure.data.audit.NotePackage;
import dev.singletable.autoconfigure.data.audit.NoteRepository;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.config.EnableSingleTableAuditing;
import dev.singletable.core.mapping.event.AfterSaveCallback;
import dev.singletable.core.mapping.event.AuditingEntityCallback;

import static org.assertj.core.api.Assertions.assertThat;

class SingleTableAuditingAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class,
				SingleTableRepositoriesAutoConfiguration.class, SingleTableAuditingAutoConfiguration.class))
		.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing");

	@Test
	void anAuditorAwareBeanEnablesAuditingOfRepositoriesAndTheTemplate() {
		AtomicReference<String> user = new AtomicReference<>("ann");
		this.contextRunner.withUserConfiguration(NotePackage.class)
			.withBean(AuditorAware.class, () -> (AuditorAware<String>) () -> Optional.of(user.get()))
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("audit"))
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(AuditingEntityCallback.class);
				NoteRepository notes = context.getBean(NoteRepository.class);
				Note note = notes.save(new Note(null, null, null, null, null, "first"));
				assertThat(note.createdBy()).isEqualTo("ann");
				assertThat(note.modifiedBy()).isEqualTo("ann");
				user.set("bob");
				Note updated = context.getBean(SingleTableTemplate.class).update(note.withText("second"));
				assertThat(updated.createdBy()).isEqualTo("ann");
				assertThat(updated.modifiedBy()).isEqualTo("bob");
				assertThat(notes.findById(note.id())).contains(updated);
			});
	}

	@Test
	void noAuditingWithoutAnAuditorAwareButCallbackBeansStillRun() {
		List<String> saved = new CopyOnWriteArrayList<>();
		this.contextRunner.withUserConfiguration(NotePackage.class)
			.withBean("recorder", AfterSaveCallback.class, () -> (AfterSaveCallback<Note>) (note, item) -> {
				saved.add(note.text());
				return note;
			})
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("noaudit"))
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(AuditingEntityCallback.class);
				Note note = context.getBean(NoteRepository.class).save(new Note(null, null, null, null, null, "plain"));
				assertThat(note.createdBy()).isNull();
				assertThat(saved).containsExactly("plain");
			});
	}

	@Test
	void backsOffWhenTheApplicationEnablesAuditingItself() {
		this.contextRunner.withUserConfiguration(NotePackage.class, OwnAuditing.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("ownaudit"))
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(AuditingEntityCallback.class);
				Note note = context.getBean(NoteRepository.class).save(new Note(null, null, null, null, null, "mine"));
				assertThat(note.createdBy()).isEqualTo("system");
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableAuditing(auditorAwareRef = "systemAuditor")
	static class OwnAuditing {

		@Bean
		AuditorAware<String> systemAuditor() {
			return () -> Optional.of("system");
		}

	}

}
