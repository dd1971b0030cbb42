package dev.singletable.autoconfigure.data;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.domain.AuditorAware;
import org.springframework.data.domain.ReactiveAuditorAware;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.SingleTableReactiveAutoConfiguration;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.data.audit.Note;
import dev.singletable.autoconfigure.data.audit.NotePackage;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.mapping.event.ReactiveAuditingEntityCallback;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SingleTableReactiveAuditingAutoConfiguration}: the reactive template fills the audit properties
 * with the application's {@code ReactiveAuditorAware} (asked in the subscriber's context), else its
 * {@code AuditorAware}, and without either audits nothing.
 */
class SingleTableReactiveAuditingAutoConfigurationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class,
				SingleTableReactiveAutoConfiguration.class, SingleTableAuditingAutoConfiguration.class,
				SingleTableReactiveAuditingAutoConfiguration.class))
		.withUserConfiguration(NotePackage.class)
		.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing");

	@Test
	void aReactiveAuditorAwareIsAskedInTheSubscribersContext() {
		this.contextRunner
			.withBean(ReactiveAuditorAware.class, () -> (ReactiveAuditorAware<String>) () -> Mono
				.deferContextual((context) -> Mono.justOrEmpty(context.getOrEmpty("user"))))
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("reactive-auditing"))
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(ReactiveAuditingEntityCallback.class);
				ReactiveSingleTableTemplate reactive = context.getBean(ReactiveSingleTableTemplate.class);
				Note note = reactive.create(new Note(null, null, null, null, null, "first"))
					.contextWrite(Context.of("user", "ann"))
					.block(WAIT);
				Note updated = reactive.update(note.withText("second")).contextWrite(Context.of("user", "bob"))
					.block(WAIT);
				assertThat(note.createdBy()).isEqualTo("ann");
				assertThat(updated.createdBy()).isEqualTo("ann");
				assertThat(updated.modifiedBy()).isEqualTo("bob");
				assertThat(context.getBean(SingleTableTemplate.class).findById(Note.class, note.id())).contains(updated);
			});
	}

	@Test
	void withoutAReactiveAuditorTheBlockingAuditorAwareAuditsBothTemplates() {
		AtomicReference<String> user = new AtomicReference<>("ann");
		this.contextRunner.withBean(AuditorAware.class, () -> (AuditorAware<String>) () -> Optional.of(user.get()))
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("reactive-auditing-blocking"))
			.run((context) -> {
				ReactiveSingleTableTemplate reactive = context.getBean(ReactiveSingleTableTemplate.class);
				Note note = reactive.create(new Note(null, null, null, null, null, "first")).block(WAIT);
				user.set("bob");
				Note updated = context.getBean(SingleTableTemplate.class).update(note.withText("second"));
				assertThat(note.createdBy()).isEqualTo("ann");
				assertThat(updated.modifiedBy()).isEqualTo("bob");
			});
	}

	@Test
	void noAuditorNoReactiveAuditingAndNoReactorNoConfiguration() {
		this.contextRunner.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("reactive-noaudit"))
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(ReactiveAuditingEntityCallback.class);
				Note note = context.getBean(ReactiveSingleTableTemplate.class)
					.create(new Note(null, null, null, null, null, "plain"))
					.block(WAIT);
				assertThat(note.createdBy()).isNull();
			});
		this.contextRunner.withClassLoader(new FilteredClassLoader("reactor.core"))
			.withBean(AuditorAware.class, () -> (AuditorAware<String>) () -> Optional.of("ann"))
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("reactive-noreactor"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ReactiveAuditingEntityCallback.class));
	}

}
