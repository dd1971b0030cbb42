package dev.singletable.core.reactive;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.fixtures.Note;
import dev.singletable.core.internal.operation.TablePlans;
import dev.singletable.core.internal.operation.TemplateParts;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.MutableClock;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Which templates share one {@link TablePlans}: a reactive template built on a blocking one shares its plans, and
 * so its clock, while keeping its own settings; templates built by hand on their own have plans of their own, and
 * setting the clock of one leaves the other's alone.
 */
class TablePlansSharingIntegrationTests {

	private static final Instant FIXED = Instant.parse("2001-02-03T04:05:06Z");

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private static DynamoDbAsyncClient client;

	@BeforeAll
	static void startClient() {
		client = DynamoDbLocal.newAsyncClient();
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	@Test
	void templatesBuiltByHandHavePlansAndClocksOfTheirOwnAndWorkAsBefore() {
		SingleTableTemplate blocking = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		ReactiveSingleTableTemplate reactive = new ReactiveSingleTableTemplate(client, dynamo.tableName(),
				blocking.getConverter());
		blocking.setClock(new MutableClock(FIXED));

		Note stored = reactive.create(Note.of("by hand")).block();

		assertThat(plansOf(reactive)).isNotSameAs(TemplateParts.tablePlans(blocking));
		assertThat(stored.createdAt()).isAfter(FIXED.plus(Duration.ofDays(365)));
		assertThat(reactive.findById(Note.class, stored.id()).block().title()).isEqualTo("by hand");
		assertThat(blocking.create(Note.of("fixed")).createdAt()).isBetween(FIXED, FIXED.plusSeconds(1));
	}

	@Test
	void aReactiveTemplateBuiltOnABlockingOneSharesItsPlansAndClockButNotItsSettings() {
		dynamo.emptyTable();
		SingleTableTemplate blocking = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		ReactiveSingleTableTemplate reactive = new ReactiveSingleTableTemplate(
				ReactiveSingleTableDatabaseFactory.create(client, dynamo.tableName()), blocking);
		blocking.setClock(new MutableClock(FIXED));
		blocking.setTrackCounts(true);

		Note stored = reactive.create(Note.of("shared clock")).block();

		assertThat(plansOf(reactive)).isSameAs(TemplateParts.tablePlans(blocking));
		assertThat(reactive.getConverter()).isSameAs(blocking.getConverter());
		assertThat(stored.createdAt()).isBetween(FIXED, FIXED.plusSeconds(1));
		// counts are each template's setting: only the blocking template's create counts
		assertThat(blocking.countsByType()).isEmpty();
		blocking.create(Note.of("counted"));
		assertThat(blocking.countsByType()).containsEntry("Note", 1L);
	}

	@Test
	void aReactiveTemplateOfAnotherTableCannotShareABlockingTemplatesPlans() {
		SingleTableTemplate blocking = new SingleTableTemplate(dynamo.client(), dynamo.tableName());

		assertThatIllegalArgumentException().isThrownBy(() -> new ReactiveSingleTableTemplate(
				ReactiveSingleTableDatabaseFactory.create(client, "another-table"), blocking))
			.withMessageContaining("another-table");
	}

	private static TablePlans plansOf(ReactiveSingleTableTemplate template) {
		return template.parts.tablePlans();
	}

}
