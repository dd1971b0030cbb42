package dev.singletable.test.autoconfigure.example;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import dev.singletable.autoconfigure.embedded.EmbeddedDynamoDbLocal;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.VersionConflictException;
import dev.singletable.test.autoconfigure.DataSingleTableTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A {@link DataSingleTableTest @DataSingleTableTest} as an application writes it: the repositories and the template
 * work on the embedded DynamoDB Local, and the application's other components are left out.
 */
@DataSingleTableTest
class DataSingleTableTestIntegrationTests {

	@Autowired
	private NoteRepository notes;

	@Autowired
	private SingleTableTemplate template;

	@Autowired
	private ApplicationContext context;

	@Test
	void repositoriesAndTemplateWorkOnTheEmbeddedDynamoDbLocal() {
		Note saved = this.notes.save(Note.of("ann", "first"));
		assertThat(saved.id()).isNotBlank();
		assertThat(saved.version()).isEqualTo(1L);
		Note updated = this.notes.save(new Note(saved.id(), saved.version(), saved.updatedAt(), "ann", "second"));
		assertThat(updated.version()).isEqualTo(2L);

		assertThat(this.notes.findByAuthor("ann")).extracting(Note::text).contains("second");
		assertThat(this.template.findById(Note.class, saved.id())).contains(updated);
		assertThatExceptionOfType(VersionConflictException.class).isThrownBy(() -> this.notes
			.save(new Note(saved.id(), saved.version(), saved.updatedAt(), "ann", "stale")));
	}

	@Test
	void leavesOutTheApplicationsOtherComponents() {
		assertThat(this.context.getBeanNamesForType(NoteService.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(EmbeddedDynamoDbLocal.class)).hasSize(1);
		assertThat(this.context.getBeanNamesForType(NoteRepository.class)).hasSize(1);
		assertThat(this.context.getEnvironment().getProperty("singletable.table-name")).isEqualTo("notes");
	}

}
