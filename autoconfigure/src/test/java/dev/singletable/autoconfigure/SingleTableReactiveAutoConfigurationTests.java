package dev.singletable.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.singletable.autoconfigure.drift.SingleTableDriftAutoConfiguration;
import dev.singletable.autoconfigure.fixtures.Gadget;
import dev.singletable.autoconfigure.fixtures.GadgetPackage;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.query.QueryPage;
import dev.singletable.core.reactive.ReactiveSingleTableOperations;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.evolution.SingleTableDefinitions;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SingleTableReactiveAutoConfiguration}: the async client from the same properties as the blocking
 * one and the reactive template on it, sharing the blocking template's converter, table, cursor secret and drift
 * guard.
 */
class SingleTableReactiveAutoConfigurationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class,
				SingleTableReactiveAutoConfiguration.class, SingleTableDriftAutoConfiguration.class))
		.withUserConfiguration(GadgetPackage.class)
		.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing");

	@Test
	void theReactiveTemplateWritesWhatTheBlockingOneReadsAndSharesItsCursors() {
		String table = TestTables.uniqueName("reactive-template");
		this.contextRunner.withPropertyValues("singletable.table-name=" + table, "singletable.cursor-secret=the-fleet-wide-cursor-secret")
			.run((context) -> {
				assertThat(context).hasSingleBean(DynamoDbAsyncClient.class)
					.hasSingleBean(ReactiveSingleTableTemplate.class);
				ReactiveSingleTableTemplate reactive = context.getBean(ReactiveSingleTableTemplate.class);
				SingleTableTemplate blocking = context.getBean(SingleTableTemplate.class);
				assertThat(reactive.getTableName()).isEqualTo(table);
				assertThat(reactive.getConverter()).isSameAs(blocking.getConverter());
				Gadget b = null;
				for (String name : new String[] { "a", "b", "c" }) {
					b = reactive.create(Gadget.of(name, "ann", name.toUpperCase())).block(WAIT);
				}
				assertThat(blocking.findById(Gadget.class, b.id())).contains(b);
				QueryPage<Gadget> first = blocking.query(Gadget.class).limit(2).page();
				QueryPage<Gadget> rest = reactive.query(Gadget.class).limit(2).page(first.nextCursor()).block(WAIT);
				assertThat(rest.items()).hasSize(1).doesNotContainAnyElementsOf(first.items());
				// the drift guard of the blocking template is the reactive one's
				assertThat(reactive.getIndexDriftGuard()).isSameAs(context.getBean(SingleTableDefinitions.class));
			});
	}

	@Test
	void withCountsEnabledBothTemplatesKeepOneCount() {
		this.contextRunner
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("reactive-counts"),
					"singletable.counts.enabled=true")
			.run((context) -> {
				ReactiveSingleTableTemplate reactive = context.getBean(ReactiveSingleTableTemplate.class);
				SingleTableTemplate blocking = context.getBean(SingleTableTemplate.class);
				Gadget gadget = reactive.create(Gadget.of("a", "ann", "A")).block(WAIT);
				blocking.create(Gadget.of("b", "ann", "B"));
				blocking.create(Gadget.of("c", "ann", "C"));
				reactive.deleteById(Gadget.class, gadget.id()).block(WAIT);

				assertThat(reactive.countsByType().block(WAIT)).containsOnly(Map.entry("Gadget", 2L));
				assertThat(blocking.countsByType()).containsOnly(Map.entry("Gadget", 2L));
			});
	}

	@Test
	void backsOffForTheApplicationsOwnTemplateAndWithoutReactorOrAnAsyncHttpClient() {
		this.contextRunner.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("reactive-own"))
			.withUserConfiguration(OwnTemplate.class)
			.run((context) -> assertThat(context).hasSingleBean(ReactiveSingleTableOperations.class)
				.hasBean("ownTemplate"));
		this.contextRunner.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("reactive-no-reactor"))
			.withClassLoader(new FilteredClassLoader("reactor.core"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(DynamoDbAsyncClient.class)
				.doesNotHaveBean(ReactiveSingleTableOperations.class)
				.hasSingleBean(SingleTableTemplate.class));
		this.contextRunner.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("reactive-no-netty"))
			.withClassLoader(new FilteredClassLoader("software.amazon.awssdk.http.nio.netty"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(DynamoDbAsyncClient.class)
				.doesNotHaveBean(ReactiveSingleTableOperations.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnTemplate {

		@Bean
		ReactiveSingleTableTemplate ownTemplate(DynamoDbAsyncClient client) {
			return new ReactiveSingleTableTemplate(client, "elsewhere");
		}

	}

}
