package dev.singletable.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.AuditorAware;
import org.springframework.data.domain.ReactiveAuditorAware;

import dev.singletable.core.internal.operation.TablePlans;
import dev.singletable.core.internal.operation.TemplateParts;
import dev.singletable.core.internal.reactive.ReactiveComponents;
import dev.singletable.autoconfigure.audited.Receipt;
import dev.singletable.autoconfigure.drift.SingleTableDriftAutoConfiguration;
import dev.singletable.autoconfigure.fixtures.Gadget;
import dev.singletable.autoconfigure.fixtures.GadgetPackage;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.audit.AuditMetadataProvider;
import dev.singletable.core.query.QueryPage;
import dev.singletable.core.reactive.ReactiveSingleTableOperations;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.evolution.SingleTableDefinitions;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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
	void bothTemplatesShareOneSetOfPlansOfTheirTable() {
		this.contextRunner.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("reactive-plans"))
			.run((context) -> {
				ReactiveSingleTableTemplate reactive = context.getBean(ReactiveSingleTableTemplate.class);
				SingleTableTemplate blocking = context.getBean(SingleTableTemplate.class);
				TablePlans plans = TemplateParts.tablePlans(blocking);
				assertThat(((ReactiveComponents) ReflectionTestUtils.getField(reactive, "parts")).tablePlans())
					.isSameAs(plans);
				assertThat(plans.converter()).isSameAs(reactive.getConverter());
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
	void withTheAuditLogSpreadBothTemplatesWriteShardedRowsAndReadThemAllByType() {
		this.contextRunner
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("reactive-audit-shards"),
					"singletable.audit.shards=4")
			.withUserConfiguration(Receipts.class, Auditors.class)
			.run((context) -> {
				ReactiveSingleTableTemplate reactive = context.getBean(ReactiveSingleTableTemplate.class);
				SingleTableTemplate blocking = context.getBean(SingleTableTemplate.class);
				for (int i = 0; i < 6; i++) {
					blocking.create(new Receipt(null, null, i));
					reactive.create(new Receipt(null, null, 100 + i)).block(WAIT);
				}

				List<AuditEntry> byType = blocking.auditLog().forType("Receipt").limit(50).page(null).items();
				assertThat(byType).hasSize(12);
				assertThat(reactive.auditLog().forType("Receipt").limit(50).page(null).block(WAIT).items())
					.containsExactlyElementsOf(byType);
				assertThat(byType).allSatisfy((entry) -> assertThat(blocking.getClient()
					.getItem((get) -> get.tableName(blocking.getTableName())
						.key(Map.of("pk", AttributeValue.fromS("_INTERNAL#AuditLog#" + entry.id()), "sk",
								AttributeValue.fromS("_INTERNAL#AuditLog#" + entry.id()))))
					.item()
					.get("gsitype")
					.s()).matches("_INTERNAL#AuditLog#[0-3]"));
			});
		this.contextRunner
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("reactive-audit-shards-bad"),
					"singletable.audit.shards=65")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("singletable.audit.shards is 65"));
	}

	@Test
	void theReactiveTemplateAuditsWithTheApplicationsAuditorsAndMetadataProviders() {
		this.contextRunner.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("reactive-audit"))
			.withUserConfiguration(Receipts.class, Auditors.class)
			.run((context) -> {
				ReactiveSingleTableTemplate reactive = context.getBean(ReactiveSingleTableTemplate.class);
				SingleTableTemplate blocking = context.getBean(SingleTableTemplate.class);
				Receipt receipt = reactive.create(new Receipt(null, null, 10))
					.contextWrite(Context.of("user", "reactive-user"))
					.block(WAIT);
				AuditEntry row = reactive.auditLog().forResource("Receipt", receipt.id()).page(null).block(WAIT)
					.items().get(0);
				// the reactive auditor, asked in the subscriber's context, wins over the blocking one
				assertThat(row.changedBy()).isEqualTo("reactive-user");
				assertThat(row.metadata()).containsOnlyKeys("host", AuditEntry.TRANSACTION_ID);
				assertThat(blocking.auditLog().findById(row.id())).contains(row);
				// the blocking template keeps the blocking auditor
				Receipt other = blocking.create(new Receipt(null, null, 11));
				assertThat(blocking.auditLog().forResource("Receipt", other.id()).page(null).items().get(0).changedBy())
					.isEqualTo("blocking-user");
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
	@EntityScan(basePackageClasses = Receipt.class)
	static class Receipts {

	}

	@Configuration(proxyBeanMethods = false)
	static class Auditors {

		@Bean
		ReactiveAuditorAware<String> reactiveAuditor() {
			return () -> Mono.deferContextual((context) -> Mono.justOrEmpty(context.getOrEmpty("user")));
		}

		@Bean
		AuditorAware<String> blockingAuditor() {
			return () -> Optional.of("blocking-user");
		}

		@Bean
		AuditMetadataProvider hostMetadata() {
			return () -> Map.of("host", "h-1");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnTemplate {

		@Bean
		ReactiveSingleTableTemplate ownTemplate(DynamoDbAsyncClient client) {
			return new ReactiveSingleTableTemplate(client, "elsewhere");
		}

	}

}
