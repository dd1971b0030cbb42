package dev.singletable.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.singletable.autoconfigure.drift.SingleTableDriftAutoConfiguration;
import dev.singletable.autoconfigure.fixtures.Gadget;
import dev.singletable.autoconfigure.fixtures.GadgetPackage;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.query.InvalidCursorException;
import dev.singletable.core.query.QueryPage;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The cursor secret of the auto-configured templates: without {@code singletable.cursor-secret}, two applications
 * (two contexts, each with its own clients) on one table accept each other's cursors, blocking and reactive; with
 * it, {@code singletable.cursor-rotation.*} keeps the previous secrets' cursors accepted.
 */
class CursorSecretAutoConfigurationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class,
				SingleTableReactiveAutoConfiguration.class, SingleTableDriftAutoConfiguration.class))
		.withUserConfiguration(GadgetPackage.class)
		.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing");

	@Test
	void twoApplicationsOnOneTableAcceptEachOthersCursorsWithNoSecretConfigured() {
		String table = "singletable.table-name=" + TestTables.uniqueName("cursor-secret");
		this.contextRunner.withPropertyValues(table).run((first) -> this.contextRunner.withPropertyValues(table)
			.run((second) -> {
				assertThat(first.getBean(DynamoDbClient.class)).isNotSameAs(second.getBean(DynamoDbClient.class));
				SingleTableTemplate one = first.getBean(SingleTableTemplate.class);
				for (String name : new String[] { "a", "b", "c", "d", "e" }) {
					one.create(Gadget.of(name, "ann", name.toUpperCase()));
				}
				QueryPage<Gadget> page = one.query(Gadget.class).limit(2).page();
				QueryPage<Gadget> next = second.getBean(SingleTableTemplate.class).query(Gadget.class).limit(2)
					.page(page.nextCursor());
				QueryPage<Gadget> last = second.getBean(ReactiveSingleTableTemplate.class).query(Gadget.class)
					.limit(2).page(next.nextCursor()).block(WAIT);
				QueryPage<Gadget> back = first.getBean(ReactiveSingleTableTemplate.class).query(Gadget.class)
					.limit(2).pageBefore(last.cursors().get(0)).block(WAIT);

				List<Gadget> all = new ArrayList<>(page.items());
				all.addAll(next.items());
				all.addAll(last.items());
				assertThat(all).extracting(Gadget::name).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
				assertThat(last.nextCursor()).isNull();
				assertThat(back.items()).isEqualTo(next.items());
			}));
	}

	@Test
	void acceptsTheCursorsOfAPreviousSecretListedInTheRotationProperties() {
		String table = "singletable.table-name=" + TestTables.uniqueName("cursor-rotation");
		this.contextRunner.withPropertyValues(table, "singletable.cursor-secret=the-secret-before-rotation")
			.run((before) -> {
				SingleTableTemplate old = before.getBean(SingleTableTemplate.class);
				for (String name : new String[] { "a", "b", "c" }) {
					old.create(Gadget.of(name, "ann", name.toUpperCase()));
				}
				String cursor = old.query(Gadget.class).limit(2).page().nextCursor();
				this.contextRunner
					.withPropertyValues(table, "singletable.cursor-secret=the-secret-after-rotation",
							"singletable.cursor-rotation.previous-secrets=the-secret-before-rotation",
							"singletable.cursor-rotation.grace=2h")
					.run((after) -> {
						assertThat(after.getBean(SingleTableProperties.class).cursorRotation().grace())
							.isEqualTo(Duration.ofHours(2));
						assertThat(after.getBean(SingleTableTemplate.class).query(Gadget.class).limit(2).page(cursor)
							.items()).hasSize(1);
						assertThat(after.getBean(ReactiveSingleTableTemplate.class).query(Gadget.class).limit(2)
							.page(cursor).block(WAIT).items()).hasSize(1);
					});
				this.contextRunner.withPropertyValues(table, "singletable.cursor-secret=the-secret-after-rotation")
					.run((withoutRotation) -> assertThatExceptionOfType(InvalidCursorException.class)
						.isThrownBy(() -> withoutRotation.getBean(SingleTableTemplate.class).query(Gadget.class)
							.limit(2).page(cursor)));
			});
	}

	@Test
	void aShortPreviousSecretOrANegativeGraceFailsStartupNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("singletable.table-name=t", "singletable.cursor-rotation.previous-secrets=short")
			.run((context) -> assertThat(messages(context.getStartupFailure()))
				.contains("singletable.cursor-rotation.previous-secrets[0] must have at least 16 characters"));
		this.contextRunner
			.withPropertyValues("singletable.table-name=t", "singletable.cursor-rotation.grace=-1h")
			.run((context) -> assertThat(messages(context.getStartupFailure()))
				.contains("singletable.cursor-rotation.grace must not be negative"));
	}

	private static String messages(@Nullable Throwable failure) {
		List<String> messages = new ArrayList<>();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.add(String.valueOf(cause.getMessage()));
		}
		return String.join("\n", messages);
	}

}
