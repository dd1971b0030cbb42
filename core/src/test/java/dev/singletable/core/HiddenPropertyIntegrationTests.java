package dev.singletable.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;

import dev.singletable.core.mapping.InvalidEntityDefinitionException;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.test.DynamoDbLocalExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A persistent property that JSON serialization cannot see (a non-public field without a getter) would silently be
 * lost on every write: the type is refused instead, naming the property, before anything is sent.
 */
class HiddenPropertyIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	@Test
	void aTypeWithAPropertySerializationCannotSeeIsRefusedNamingItAndNothingIsSent() {
		SingleTableTemplate template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		Hidden hidden = new Hidden();
		hidden.text = "would be lost";
		dynamo.requests().reset();

		assertThatExceptionOfType(InvalidEntityDefinitionException.class).isThrownBy(() -> template.create(hidden))
			.withMessageContaining("Hidden")
			.withMessageContaining("'text'")
			.withMessageContaining("getter");
		assertThat(dynamo.requests().total()).isZero();
	}

	@Test
	void aFieldWithAGetterAndSetterAndATransientFieldAreFine() {
		SingleTableTemplate template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		Visible visible = new Visible();
		visible.setText("kept");

		Visible created = template.create(visible);

		assertThat(template.getById(Visible.class, created.getId()).getText()).isEqualTo("kept");
	}

	@SingleTableEntity
	public static class Hidden {

		@Id
		public String id;

		String text;

	}

	@SingleTableEntity
	public static class Visible {

		@Id
		private String id;

		private String text;

		@Transient
		private String scratch;

		public String getId() {
			return this.id;
		}

		public void setId(String id) {
			this.id = id;
		}

		public String getText() {
			return this.text;
		}

		public void setText(String text) {
			this.text = text;
		}

	}

}
