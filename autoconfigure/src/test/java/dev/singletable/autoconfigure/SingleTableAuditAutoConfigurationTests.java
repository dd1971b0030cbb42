package dev.singletable.autoconfigure;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.data.domain.AuditorAware;

import dev.singletable.autoconfigure.audited.Receipt;
import dev.singletable.autoconfigure.invalidaudit.Member;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.audit.AuditDetails;
import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.audit.AuditMetadataProvider;
import dev.singletable.core.audit.AuditScope;
import dev.singletable.core.mapping.InvalidEntityDefinitionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configured template records who made each change of an audited type with the application's
 * {@link AuditorAware} bean, and without one records no changer; its {@link AuditMetadataProvider} beans add
 * metadata to every row, in their order, under the details of an {@link AuditScope}; an audited type whose options
 * name no property fails startup.
 */
class SingleTableAuditAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class))
		.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing");

	@Test
	void theApplicationsAuditorAwareNamesTheChanger() {
		this.contextRunner.withUserConfiguration(Receipts.class, Auditor.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("audit-auditor"))
			.run((context) -> {
				SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
				Receipt receipt = template.create(new Receipt(null, null, 10));
				AuditEntry row = template.auditLog().forResource("Receipt", receipt.id()).page(null).items().get(0);
				assertThat(row.operation()).isEqualTo(AuditEntry.CREATE);
				assertThat(row.changedBy()).isEqualTo("auditor-bean");
			});
	}

	@Test
	void withoutAnAuditorAwareRowsHaveNoChanger() {
		this.contextRunner.withUserConfiguration(Receipts.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("audit-none"))
			.run((context) -> {
				SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
				Receipt receipt = template.create(new Receipt(null, null, 10));
				AuditEntry row = template.auditLog().forResource("Receipt", receipt.id()).page(null).items().get(0);
				assertThat(row.changedBy()).isNull();
			});
	}

	@Test
	void theApplicationsMetadataProvidersAddMetadataInTheirOrderUnderTheScope() {
		this.contextRunner.withUserConfiguration(Receipts.class, Auditor.class, MetadataProviders.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("audit-metadata"))
			.run((context) -> {
				SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
				Receipt receipt = template.create(new Receipt(null, null, 10));
				AuditEntry row = template.auditLog().forResource("Receipt", receipt.id()).page(null).items().get(0);
				assertThat(row.metadata()).containsOnlyKeys("request_id", "host", AuditEntry.TRANSACTION_ID);
				assertThat(row.metadata().get("request_id").asString()).isEqualTo("r-2");
				assertThat(row.metadata().get("host").asString()).isEqualTo("h-1");

				Receipt scoped = AuditScope.call(AuditDetails.changedBy("import").with("request_id", "scoped"),
						() -> template.create(new Receipt(null, null, 11)));
				AuditEntry scopedRow = template.auditLog().forResource("Receipt", scoped.id()).page(null).items()
					.get(0);
				assertThat(scopedRow.changedBy()).isEqualTo("import");
				assertThat(scopedRow.metadata().get("request_id").asString()).isEqualTo("scoped");
				assertThat(scopedRow.metadata().get("host").asString()).isEqualTo("h-1");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class MetadataProviders {

		@Bean
		@Order(1)
		AuditMetadataProvider hostMetadata() {
			return () -> Map.of("host", "h-1", "request_id", "r-1");
		}

		@Bean
		@Order(2)
		AuditMetadataProvider requestMetadata() {
			return () -> Map.of("request_id", "r-2");
		}

	}

	@Test
	void anAuditedOptionNamingNoPropertyFailsStartupNamingTheTypeAndItsProperties() {
		this.contextRunner.withUserConfiguration(InvalidAuditScan.class)
			.withPropertyValues("singletable.table-name=invalid", "singletable.table.create=none")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidEntityDefinitionException.class)
					.hasMessageContaining(Member.class.getName())
					.hasMessageContaining("@Audited(exclude) names 'passwordHsh'")
					.hasMessageContaining("[id, version, email, passwordHash]");
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EntityScan(basePackageClasses = Member.class)
	static class InvalidAuditScan {

	}

	@Configuration(proxyBeanMethods = false)
	@EntityScan(basePackageClasses = Receipt.class)
	static class Receipts {

	}

	@Configuration(proxyBeanMethods = false)
	static class Auditor {

		@Bean
		AuditorAware<String> auditorAware() {
			return () -> Optional.of("auditor-bean");
		}

	}

}
