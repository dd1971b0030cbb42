package com.example.reference.entities;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.dao.OptimisticLockingFailureException;

import dev.singletable.core.DuplicateResourceException;
import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.VersionConflictException;
import dev.singletable.test.autoconfigure.DataSingleTableTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@DataSingleTableTest
@Import(ArticleEditor.class)
class ArticleEditorTests {

	@Autowired
	ArticleEditor editor;

	@Autowired
	SingleTableTemplate template;

	@Test
	void failuresNameTheResourceAndWriteNothing() {
		Article article = template.create(new Article(null, null, null, null, "Draft", Article.Status.DRAFT, "ann"));
		Article renamed = editor.rename(article.id(), "Final");

		assertThatExceptionOfType(VersionConflictException.class)          // an OptimisticLockingFailureException
			.isThrownBy(() -> template.update(article.withTitle("Stale")))
			.withMessageContaining(article.id())
			.satisfies((ex) -> assertThat(ex.getActual()).isEqualTo(2L));
		assertThatExceptionOfType(DuplicateResourceException.class)        // a DuplicateKeyException
			.isThrownBy(() -> template.create(renamed));
		assertThatExceptionOfType(NoSuchResourceException.class)           // a DataRetrievalFailureException
			.isThrownBy(() -> editor.rename("no-such-id", "Final"))
			.satisfies((ex) -> assertThat(ex.getId()).isEqualTo("no-such-id"));
		assertThat(template.getById(Article.class, article.id()).title()).isEqualTo("Final");
		assertThat(OptimisticLockingFailureException.class).isAssignableFrom(VersionConflictException.class);
	}

}
